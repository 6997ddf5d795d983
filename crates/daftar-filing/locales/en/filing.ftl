role-filing-officer = e-FOAS officer
role-filing-diarist = e-FOAS receipt clerk
role-filing-admin = e-FOAS administrator

filing-err-too-long = This is too long
filing-err-department = Choose a department that keeps files in e-FOAS
filing-err-section = Choose a section of this department
filing-err-record-class = Choose a record class (A, B or C)
filing-err-receipt = Choose a receipt you hold
filing-err-quick = Choose one of the quick notes
filing-err-action = Choose an action this item allows
filing-err-post = Choose a sanctioned post that is in force
filing-err-same-post = The file is already with this post
filing-err-not-senior = A file is put up to a more senior post
filing-err-not-junior = A file is returned to a more junior post
filing-err-category = Choose a category
filing-err-future = A letter cannot be received after today
filing-err-too-large = The scan is larger than 5 MB
filing-err-file-type = Upload a PDF, JPEG or PNG scan
filing-err-language = Choose English or Urdu
filing-err-user = Enter the username of an active account of this province
filing-err-file = Choose another file you may read
filing-err-kind = Choose subjects, notes, receipts or drafts

## Conflicts (409): why an action was refused
filing-conflict-not-holder-file = File { $number } is with { $holder }: only its holder can act on it
filing-conflict-not-holder-receipt = Receipt { $number } is with { $holder }: only its holder can act on it
filing-conflict-changed-file = File { $number } was changed by someone else a moment ago; reload it
filing-conflict-changed-receipt = Receipt { $number } was changed by someone else a moment ago; reload it
filing-conflict-changed-draft = The draft was changed by someone else a moment ago; reload it
filing-conflict-receipt-not-open = Receipt { $number } is { $status ->
        [attached] already on a file
        [closed] closed
       *[other] { $status }
    }, not open
filing-conflict-no-post = You hold no post in { $office }: files are opened by its officers
filing-conflict-closed = File { $number } is closed; reopen it first
filing-conflict-not-closed = File { $number } is not closed
filing-conflict-opened = File { $number } has been opened by { $holder }; it can no longer be pulled back
filing-conflict-call-for = File { $number } is with { $holder }: only a senior in the same office can call for it
filing-conflict-parked = File { $number } is already parked
filing-conflict-not-parked = File { $number } is not parked
filing-conflict-note-sealed = Note { $seq } of file { $number } is sealed and can never change; write a new note to correct it
filing-conflict-discard = Only your own draft note can be discarded; a sealed note stays
filing-conflict-draft-fixed = This draft is { $status ->
        [approved] approved
        [issued] issued
       *[other] { $status }
    }; an approved or issued letter does not change
filing-conflict-draft-done = This draft is already { $status ->
        [approved] approved
        [issued] issued
       *[other] { $status }
    }
filing-conflict-draft-unapproved = This draft is { $status ->
        [draft] still a draft
        [issued] already issued
       *[other] { $status }
    }: only an approved draft is issued

## Navigation
nav-filing-inbox = Files and dak
nav-filing-inbox-hint = The files and letters with your posts, the most urgent first.
nav-filing-diarise = Diarise a letter
nav-filing-diarise-hint = Enter incoming dak in the diary and mark it to an officer.
nav-filing-search = Search files
nav-filing-search-hint = Find files, notes, letters and drafts in English or Urdu.
nav-filing-pendency = Pendency
nav-filing-pendency-hint = Who holds which files and letters, for how long, and what is overdue.

## Pages: shared words
fl-error-prefix = Error:
fl-conflict-title = This was not done
fl-conflict-hint = Someone may have acted on it a moment ago, or it is not in a state that allows this. The page now shows where it stands; check it and try again.
fl-conflict-field = See the message at the top of the page
fl-optional = Optional
fl-show = Show
fl-none = None.
fl-new = New
fl-since = since
fl-not-yet = Not yet
fl-kind = Kind
fl-kind-file = File
fl-kind-receipt = Letter (dak)
fl-number = Number
fl-subject = Subject
fl-status = Status
fl-status-open = Open
fl-status-parked = Parked
fl-status-closed = Closed
fl-held-since = Held since
fl-held-for = Held for
fl-due-on = Due on
fl-with-post = With
fl-with = With { $post }
fl-with-you = This file is with you.
fl-office = Office
fl-department = Department
fl-section = Section
fl-designation = Post
fl-officer = Officer
fl-vacant = Vacant
fl-priority = Priority
fl-overdue = Overdue
fl-remarks = Remarks
fl-when = When
fl-from = From
fl-to = To
fl-year = Year
fl-confidential = Confidential
fl-choose-post = Choose a post
fl-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
fl-hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
fl-items-count = { $count ->
    [one] { $count } item
   *[other] { $count } items
}

## Inbox
fl-inbox-title = Files and dak
fl-your-posts = Your posts
fl-no-posts = You hold no post in e-FOAS, so nothing is marked to you. Your department's e-FOAS administrator puts officers on posts.
fl-inbox-empty = Nothing is with your posts.
fl-diarise-letter = Diarise a letter

## Dak
fl-diarise-title = Diarise a letter
fl-change-office = Change office
fl-diarised-at = Diarised at
fl-received-on = Received on
fl-sender = Sender
fl-sender-hint = The office or person who sent the letter, as written on it.
fl-letter-number = Letter number
fl-letter-date = Letter's date
fl-category = Category
fl-category-hint = Court cases, assembly questions and VIP references are shown first.
fl-reply-due = Reply due by
fl-marked-to = Mark to
fl-marked-to-hint = The post the letter goes to; the officer on it is named.
fl-diarise-button = Diarise and mark
fl-receipt = Letter
fl-diary-number = Diary number
fl-dated = dated
fl-receipt-status-open = Open
fl-receipt-status-attached = On a file
fl-receipt-status-closed = Closed
fl-acknowledged = Acknowledged
fl-on-file = On file
fl-open-the-file = Open the file
fl-scans = Scans
fl-no-scans = No scan has been attached.
fl-scan = Scan of the letter
fl-scan-hint = A PDF, JPEG or PNG file of at most 5 MB.
fl-upload = Attach scan
fl-receipt-actions = What to do with this letter
fl-acknowledge = Acknowledge receipt
fl-mark-to = Mark to another post
fl-mark-button = Mark the letter
fl-close-reason = Reason for closing
fl-close-receipt-hint = For example: filed for record, no action needed.
fl-close-receipt = Close the letter
fl-open-file-title = Open a file with this letter
fl-open-file-lead = The letter goes on the new file as its first paper, flag A.
fl-choose-section = Choose a section
fl-file-subject = Subject of the file
fl-record-class = Record class
fl-record-class-hint = How long the file is kept once it is closed.
fl-confidential-hint = Only the officers it passes through, and their seniors, can read a confidential file.
fl-open-file-button = Open the file

## File
fl-not-opened = not opened yet
fl-opened-on = Opened on
fl-closed-on = Closed on
fl-review-on = comes up on
fl-parts = Other parts of this file
fl-linked-files = Linked files
fl-moved-by = By
fl-link-title = Link a related file
fl-link-file = Number of the related file
fl-link-file-hint = For example SO(ADMIN)1-23/2026. Both files then show the link.
fl-link-button = Link the file
fl-part-title = Open a part file
fl-part-hint = A part file carries on the same subject while this file is away or too thick. It opens with you, numbered after this file.
fl-part-button = Open the next part
fl-notes = Notes
fl-note-number = Note { $seq }
fl-sealed = sealed
fl-draft-note = Your draft note
fl-draft-note-hint = it is sealed with your signature when the file moves on; until then you can change it.
fl-no-notes = No note has been written yet.
fl-write-note = Write a note
fl-edit-note = Change your draft note
fl-note-text = Note
fl-note-hint = Leave a blank line between paragraphs. Paragraphs are numbered on through the file. Write "Flag A" to point to a paper.
fl-save-note = Save note
fl-quick-notes = Quick notes
fl-quick-hint = A quick note replaces your draft note.
fl-quick-seen = Seen
fl-quick-approved = Approved as proposed
fl-quick-discuss = Please discuss
fl-quick-put_up = Submitted for orders
fl-quick-comments = Comments requested
fl-discard-note = Discard draft note
fl-correspondence = Correspondence
fl-flag = Flag { $flag }
fl-paper-receipt = Letter received
fl-paper-letter = Letter issued
fl-no-papers = No papers on this file yet.
fl-receipts = Letters received
fl-issued-letters = Letters issued
fl-drafts = Drafts for approval
fl-no-drafts = No drafts.
fl-new-draft = New draft
fl-movements = Movement of the file
fl-no-movements = The file has not moved yet.
fl-action = Action
fl-action-put_up = Put up to a senior
fl-action-return = Return to a junior
fl-action-mark = Mark for comments
fl-action-pull_back = Pull back
fl-action-call_for = Call for the file
fl-action-park = Park
fl-action-unpark = Unpark
fl-stayed = Stayed
fl-still-there = still there
fl-move-title = Move the file
fl-move-lead = Your draft note is sealed and signed when the file leaves you.
fl-to-post = To post
fl-to-post-hint = For putting up, returning or marking; not needed to park or unpark.
fl-comments-due = Comments due by
fl-comments-due-hint = Optional, when marking for comments.
fl-move-button = Move the file
fl-close-file = Close the file
fl-close-remarks = Remarks on closing
fl-close-file-hint = Optional. A closed file is kept for its record class's period.
fl-reopen-file = Reopen the file
fl-reopen-reason = Reason for reopening
fl-take-back = Take the file back
fl-pull-back-hint = You sent this file and it has not been opened yet: you can pull it back.
fl-call-for-hint = The file is with a junior post in your office: you can call for it.

## Drafts and letters
fl-draft = Draft
fl-draft-status-draft = Draft
fl-draft-status-approved = Approved
fl-draft-status-issued = Issued
fl-version = version { $version }
fl-addressee = Addressee
fl-addressee-hint = Designation and address, one per line.
fl-language = Language of the letter
fl-language-en = English
fl-language-ur = Urdu
fl-approved-at = Approved at
fl-dispatch-number = Dispatch number
fl-issued-at = Issued at
fl-print-letter = Print the letter
fl-preview-letter = Preview the letter
fl-approve = Approve the draft
fl-issue = Issue with a dispatch number
fl-changes = Changes in version { $version }
fl-first-version = The first version
fl-changes-hint = Added lines are marked "Added", removed lines "Removed" and struck through.
fl-diff-added = Added:
fl-diff-removed = Removed:
fl-diff-same = Unchanged:
fl-versions = Versions
fl-version-head = Version
fl-length = Length
fl-characters = { $count ->
    [one] { $count } character
   *[other] { $count } characters
}
fl-revise-draft = Revise the draft
fl-draft-letter = Draft a letter
fl-body = Text of the letter
fl-body-hint = Leave a blank line between paragraphs.
fl-save-version = Save as a new version
fl-create-draft = Save the draft
fl-draft-holder-only = Only the holder of the file ({ $post }) drafts and revises letters in it.
fl-back-to-draft = Back to the draft
fl-letter-no = No.
fl-letter-dated = Dated
fl-letter-to = To
fl-letter-subject = Subject:
fl-letter-not-issued = DRAFT — NOT ISSUED

## Pendency
fl-pendency-title = Pendency
fl-as-of = As of
fl-pending-files = files pending
fl-pending-receipts = letters pending
fl-overdue-items = overdue
fl-by-post = By post
fl-by-section = By section
fl-files = Files
fl-parked = Parked
fl-over-7 = Over 7 days
fl-over-30 = Over 30 days
fl-oldest = Oldest
fl-with-section = With its section officer
fl-pending-items = The most urgent items
fl-truncated = only the most urgent are listed
fl-nothing-pending = Nothing is pending.

## Search
fl-search-title = Search files
fl-search-words = Words to find
fl-search-in = Search in
fl-search-everything = Everything
fl-search-kind-subject = File subjects
fl-search-kind-note = Notes
fl-search-kind-receipt = Letters received
fl-search-kind-draft = Drafts
fl-search-button = Search
fl-search-hint = Every word must appear. English and Urdu are both searched; you see only the files you may read.
fl-results-count = { $count ->
    [one] { $count } result
   *[other] { $count } results
}
fl-no-results = Nothing matches these words.

## Registers
fl-dispatch-title = Dispatch register
fl-register-title = File register
fl-serial = Serial
fl-letters-count = { $count ->
    [one] { $count } letter
   *[other] { $count } letters
}
fl-files-count = { $count ->
    [one] { $count } file
   *[other] { $count } files
}
fl-no-letters = No letter was issued in this year.
fl-no-files = No file was opened in this year.
