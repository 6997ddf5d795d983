nav-geo = Geography
nav-geo-hint = Divisions, districts and tehsils, as of any date.
nav-offices = Offices
nav-offices-hint = Departments, attached departments and field offices, with their sanctioned posts.
nav-holidays = Holidays
nav-holidays-hint = Public holidays of the year.
role-mdm-editor = Reference data editor

## Shared by the registry pages
mdm-breadcrumb = Where you are
mdm-as-of = Date
mdm-as-of-hint = The registry is shown as it stood on this day.
mdm-show = Show
mdm-as-it-stood = As it stood on { $date }
mdm-code = Code
mdm-name = Name
mdm-level = Level
mdm-kind = Kind
mdm-name-en = Name in English
mdm-name-ur = Name in Urdu
mdm-location = Location
mdm-status = Status
mdm-in-force = In force
mdm-retired = Retired
mdm-not-yet = Not yet in force
mdm-in-force-since = In force since
mdm-retired-on = Retired on
mdm-successors = Replaced by
mdm-predecessors = Took the place of
mdm-none = None
mdm-notice-retired = Not in force on { $as_of }: retired on { $date }. It is shown as it last stood.
mdm-notice-not-yet = Not in force on { $as_of }: it comes into force on { $date }. It is shown in its latest version.
mdm-units-count = { $count ->
    [one] 1 unit
   *[other] { $count } units
}
mdm-history = History
mdm-valid-from = Valid from
mdm-valid-to = Valid to
mdm-open-ended = Until further notice
mdm-change = Change
mdm-notification-no = Notification number
mdm-notification-date = Notification date

## Geography
geo-title = Geography
geo-counts = { $divisions ->
    [one] 1 division
   *[other] { $divisions } divisions
}, { $districts ->
    [one] 1 district
   *[other] { $districts } districts
}
geo-tree-title = Divisions and their districts
geo-none = No divisions were in force on this date.
geo-parent = Part of
geo-children = Units within { $name }
geo-children-none = No units were within it on this date.

## Offices
offices-title = Offices
offices-kind-all = All kinds
offices-district = District
offices-district-all = All districts
offices-q = Name or code
offices-q-hint = Part of the name or code, like Finance
offices-count = { $count ->
    [one] 1 office
   *[other] { $count } offices
}
offices-none = No offices match. Remove a filter or check the spelling.
office-parent = Parent department
office-children = Offices under { $name }
office-posts = Sanctioned posts
office-post-code = Post code
office-designation = Designation
office-bps = BPS
office-posts-count = { $count ->
    [one] 1 sanctioned post
   *[other] { $count } sanctioned posts
}
office-posts-none = No sanctioned posts are recorded for this office.

## Holidays
holidays-title = Public holidays { $year }
holidays-years = Other years
holidays-prev = Previous year: { $year }
holidays-next = Next year: { $year }
holidays-count = { $count ->
    [one] 1 holiday
   *[other] { $count } holidays
}
holidays-date = Date
holidays-name = Holiday
holidays-note = Note
holidays-none = No public holidays are recorded for { $year }.

## Levels of the registries
level-province = Province
level-division = Division
level-district = District
level-tehsil = Tehsil
level-union_council = Union council
level-department = Department
level-attached_department = Attached department
level-office = Office

## Kinds of change, as shown in a unit's history
change-pack = Baseline record
change-create = Created
change-rename = Renamed
change-split = Split
change-merge = Merged
change-retire = Retired
change-update = Amended
change-move = Moved

## Validation: each says how to put it right
err-code-prefix = Start the code with your province’s two-letter code and a hyphen
err-level = Choose a level this registry has, like district or office
err-name = Enter the name, up to 200 characters
err-name-ur = Enter the Urdu name in Urdu script, up to 200 characters
err-parent-required = Enter the code of the unit this one sits in
err-parent-none = Leave the parent empty: a unit at this level sits in no other
err-location-required = Enter the geography code of the place where the office sits, as shown on its Geography page
err-notification-no = Enter the notification number, up to 120 characters
err-date = Enter a date as YYYY-MM-DD, like 2026-07-01
err-note = Shorten the note to 2,000 characters or fewer
err-parent-missing = Enter the code of a parent that is in force on the effective date
err-parent-level = Enter a parent of the level this unit sits in, like a division for a district
err-location = Enter the code of a geography unit that is in force on the effective date
err-code-retired = Choose another code: this one belonged to a unit that was retired, and codes are never reused
err-code-exists = Choose another code: this one is already in use
err-unit-not-in-force = Enter the code of a unit that is in force on the effective date
err-effective-before-latest = Enter a later effective date: this unit already has a change on or after this date
err-has-children = Move or retire the units within it first
err-successor = Enter the code of an existing unit other than this one
err-split-empty = Add at least one new unit to split into
err-merge-empty = Add at least one unit to merge
err-merge-new-code = Give the new unit the same code as the unit they merge into
err-merge-into-self = Remove the unit they merge into from the units to merge
err-year = Enter a year from 1900 to 2200
err-change-kind = Choose the kind of change: create, rename, split, merge or retire
role-mdm-steward = People's records steward
role-mdm-registrar = Registrar (resolves records)
err-person-source = Enter the source as 1 to 40 small letters, digits, underscores or dashes, like khidmat
err-person-source-id = Enter the record's id in its source system, up to 100 characters
err-person-field = Enter at most 200 characters, without control characters
err-person-name-or-cnic = Enter a name or a CNIC
err-cnic = Enter the CNIC as 13 digits, like 35202-1234567-1
err-person-gender = Enter the gender as M or F
err-person-dob = Enter the date of birth as YYYY-MM-DD, DD/MM/YYYY or a year
err-person-phone = Enter a phone number like 0300-1234567
err-person-query = Enter a CNIC or part of a name
err-person-reason = Give the reason for this decision, up to 500 characters
err-review-status = Choose open, accepted or rejected
err-review-decided = This review has already been decided
err-person-merged = This person has been merged into another; use that record
err-merge-undone = This merge has already been undone
err-person-not-found = There is no such person; check the id

## People: the person registry pages
nav-persons = People
nav-persons-hint = Find a person by CNIC or name; see every record behind them.
nav-reviews = Stewardship queue
nav-reviews-hint = Decide possible matches between people’s records.
nav-quality = Data quality
nav-quality-hint = How complete and valid each source’s records are.
persons-error-prefix = Error:
persons-title = Find a person
persons-lead = Each person has one record, built from the records that departments' systems hold about them.
persons-search-label = CNIC or name
persons-search-hint = A CNIC with or without dashes, or part of a name in any spelling
persons-search-button = Search
persons-results = Results
persons-count = { $count ->
    [one] 1 person found
   *[other] { $count } people found
}
persons-none-found = No one found. Check the CNIC, or try fewer words of the name.
persons-no-name = Name not recorded
persons-not-recorded = Not recorded
persons-merged-tag = Merged
persons-stewardship = Stewardship
persons-caption = Person
persons-id = Person id
persons-merged-notice = This record was merged into another person.
persons-merged-link = Go to that person’s record
persons-golden-title = Best known details
persons-golden-lead = Each detail is taken from one of the records below, by the rule shown beside it.
persons-lineage-from = From
persons-sources-title = Records behind this person
persons-sources-count = { $count ->
    [one] 1 record
   *[other] { $count } records
}
persons-sources-none = No source records are linked to this person.
persons-source = System
persons-source-id = Id in that system
persons-decision = Decision
persons-probability = Match probability
persons-probability-hint = Match probability is how likely the record was to belong to an existing person when it arrived.
persons-received = Received
persons-gender-m = Male
persons-gender-f = Female
persons-merge-title = Merge into another person
persons-merge-lead = If this is the same person as another record, merge it into that one. Its source records move to that person, and this record points there. The merge is recorded and can be undone.
persons-merge-into = The person this is the same as (their id)
persons-merge-into-hint = The person id shown on that person’s page
persons-reason = Reason
persons-reason-hint = Why you are sure, up to 500 characters. It is kept in the audit record.
persons-merge-button = Merge into that person
persons-reviews-title = Possible matches
persons-reviews-lead = Each record below may belong to someone already known. Compare the two and decide.
persons-reviews-count = { $count ->
    [one] 1 possible match waiting
   *[other] { $count } possible matches waiting
}
persons-reviews-showing = { $count } possible matches waiting; the oldest { $shown } are shown
persons-reviews-none = There are no possible matches waiting. New ones appear here when a record arrives that may belong to someone already known.
persons-review-and = and
persons-review-probability = Chance they are the same person:
persons-compare-caption = The two records side by side
persons-attribute = Detail
persons-this-record = This record
persons-possible-match = Possible match
persons-differs = Differs
persons-one-side-only = Only one has it
persons-evidence-caption = Why they may be the same person
persons-agreement = How the values agree
persons-weight = Weight
persons-weight-hint = A positive weight points to the same person, a negative weight to different people; the larger the number, the stronger the evidence.
persons-tf-adjusted = adjusted for how common the value is
persons-accept-title = Same person
persons-accept-reason = Why they are the same person
persons-accept-hint = Up to 500 characters. The waiting record is merged into the possible match.
persons-accept-button = Same person: merge
persons-reject-title = Different people
persons-reject-reason = Why they are different people
persons-reject-hint = Up to 500 characters. The records stay apart.
persons-reject-button = Different people
persons-quality-title = Data quality
persons-quality-lead = How complete and valid each source system’s records about people are.
persons-quality-count = { $count ->
    [one] 1 source system
   *[other] { $count } source systems
}
persons-quality-none = No records have been received from any system yet.
persons-quality-records = Records
persons-quality-complete = Complete (%)
persons-quality-valid = Valid (%)
persons-quality-parity = Gender contradicts CNIC
persons-quality-duplicates = Duplicates found
persons-quality-measures = What the measures mean
persons-quality-complete-hint = The share of the source’s records that have a value for each detail.
persons-quality-valid-hint = The share of the source’s records with a valid value: a CNIC of 13 digits, a mobile number like 0300-1234567, a full date of birth (day, month and year).
persons-quality-parity-hint = Records whose gender does not match their CNIC: the last digit of a CNIC is odd for men and even for women.
persons-quality-duplicates-hint = Records that matched, or may match, a person already in the registry.
persons-rule-trusted_source = most trusted source
persons-rule-most_recent = most recent
persons-rule-most_complete = most complete
persons-decision-match = Matched
persons-decision-possible = Possible match
persons-decision-new = New person
persons-field-cnic = CNIC
persons-field-name = Name
persons-field-father_name = Father’s name
persons-field-gender = Gender
persons-field-dob = Date of birth
persons-field-district = District
persons-field-address = Address
persons-field-phone = Phone
persons-level-exact = Exact
persons-level-reordered = Same words, other order
persons-level-similar = Similar
persons-level-sounds-alike = Sounds alike
persons-level-somewhat-similar = Somewhat similar
persons-level-contained = One contains the other
persons-level-different = Different
persons-level-missing = Missing from one or both
persons-level-1-edit = One digit differs
persons-level-2-edits = Two digits differ
persons-level-day-month-swapped = Day and month swapped
persons-level-one-digit-off = One digit off
persons-level-same-year-and-month = Same year and month
persons-level-same-year = Same year
persons-level-words-at-least-090 = Nearly all words shared (90% or more)
persons-level-words-at-least-070 = Most words shared (70% or more)
persons-level-words-at-least-050 = Half the words shared (50% or more)
