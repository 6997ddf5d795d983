## Navigation and roles
nav-khidmat-counter = Service counter
nav-khidmat-counter-hint = Call the next token, take applications and payments, deliver, close the day.
nav-khidmat-queue = Back office
nav-khidmat-queue-hint = Applications waiting for you, with the working days left.
nav-khidmat-dashboard = Centre dashboard
nav-khidmat-dashboard-hint = Tokens, waiting and serving times, SLA compliance and revenue by day.
nav-khidmat-services = Citizen services
nav-khidmat-services-hint = The services, documents, fees and turnaround of the province's centres.
role-khidmat-operator = Counter operator
role-khidmat-officer = Back-office officer
role-khidmat-manager = Centre manager
role-khidmat-admin = e-Khidmat administrator

## Errors
khidmat-err-category = Choose general, priority or women
khidmat-err-transfer = Choose another counter of this centre
khidmat-err-token-action = Choose recall, no-show, finish or transfer
khidmat-err-mobile = Enter a mobile number like 0300 1234567
khidmat-err-gender = Choose male, female or other
khidmat-err-no-urgent = This service has no urgent option
khidmat-err-too-long = This is too long
khidmat-err-number = Enter a number
khidmat-err-unknown-field = This service has no such field
khidmat-err-unknown-counter = No such counter
khidmat-err-unknown-service = No such service
khidmat-err-no-fees = This service has no fee in force today
khidmat-err-reference = Enter the e-Pay reference (PSID): letters and digits
khidmat-err-method = Choose cash or e-Pay
khidmat-err-amount = The amount must equal the fee due
khidmat-err-doc-type = Choose one of the documents this service asks for
khidmat-err-too-large = The file is larger than 5 MB
khidmat-err-file-type = Upload a PDF, JPEG or PNG file
khidmat-err-reason = Give the reason
khidmat-err-rating = Choose a rating from 1 to 5
khidmat-err-key = The Idempotency-Key header must be plain text
khidmat-err-discrepancy-note = The cash does not match: explain the difference

## Conflicts (409)
khidmat-conflict-transition = { $tracking } is at { $stage }: allowed actions are { $allowed }
khidmat-conflict-no-transition = { $tracking } is at { $stage }: no transition is allowed here
khidmat-conflict-feedback-early = Feedback is given after delivery
khidmat-conflict-feedback-given = Feedback was already given
khidmat-conflict-revoked = Certificate { $number } is already revoked
khidmat-conflict-token = Token { $number } is { $status }, not called at a counter
khidmat-conflict-closed = Counter { $counter } is already closed for { $day }
khidmat-conflict-key = This Idempotency-Key was used for a different request
khidmat-conflict-paid = { $tracking } is already paid
khidmat-verify-malformed = This is not a Daftar certificate
khidmat-verify-unknown-key = No published key of this province signed this certificate
khidmat-verify-bad-signature = The signature does not match: the certificate was altered or forged

## Pages: shared words
kh-error-prefix = Error:
kh-show = Show
kh-service = Service
kh-department = Department
kh-centre = Centre
kh-counter = Counter
kh-token = Token
kh-stage = Stage
kh-applicant = Applicant
kh-tracking-id = Tracking id
kh-total = Total
kh-fee = Fee
kh-urgent = Urgent
kh-optional = optional
kh-documents = Documents
kh-reason = Reason
kh-when = When
kh-by = By
kh-step = Step
kh-day = Day
kh-minutes = min
kh-working-days = { $count } working days
kh-days-left = { $count } working days left
kh-overdue = Overdue by { $count } working days
kh-due = Due
kh-due-on = Due on { $date }
kh-left = Time left
kh-escalated = Escalated (level { $level })
kh-stage-payment = Awaiting payment
kh-stage-returned = Returned for a deficiency
kh-stage-rejected = Rejected
kh-stage-ready = Ready for collection
kh-stage-delivered = Delivered
kh-category-general = General
kh-category-priority = Priority
kh-category-women = Women
kh-category-general-hint = Everyone else, in order of arrival.
kh-category-priority-hint = Senior citizens and persons with disabilities are served first.
kh-category-women-hint = Served at the women's counter, where the centre has one.
kh-head-government_fee = Government fee
kh-head-service_charge = Service charge
kh-head-affidavit = Affidavit
kh-head-courier = Courier
kh-method-cash = Cash
kh-method-epay = e-Pay

## The catalogue
kh-services-title = Citizen services
kh-services-lead = Services of the province's e-Khidmat centres, with the fees in force on { $date }.
kh-turnaround = Turnaround
kh-no-fee = No fee in force
kh-officers = Officers
kh-designated = Designated officer
kh-appellate = Appellate authority

## The counter
kh-desk-title = Service counter
kh-no-counter = You do not work at any counter. Ask your centre manager for the counter operator role.
kh-waiting-count = Waiting: { $count }
kh-board = Display board
kh-kiosk = Token kiosk
kh-now-serving = Now serving
kh-recalled = called again { $count } times
kh-finish-and-next = Finish and call next
kh-call-next = Call next token
kh-token-recall = Call again
kh-token-no_show = Did not come
kh-token-finish = Finish
kh-token-transfer = Transfer
kh-transfer-to = Send to counter
kh-no-token = No token is at this counter.
kh-new-application = Take an application
kh-pending = Waiting at this centre's counters
kh-none-pending = Nothing waits for the counter: no unpaid, returned or ready applications.
kh-close-day = Close the day
kh-declared-cash = Cash in the drawer (Rs)
kh-declared-hint = Count the cash and enter the total, like 12,550.
kh-closing-note = Note
kh-closing-note-hint = Required when the cash does not match the payments taken.

## A new application
kh-new-title = New application
kh-choose-service = Choose the service the citizen asks for.
kh-cnic = CNIC
kh-cnic-hint = 13 digits, like 35202-1234567-1
kh-name = Name
kh-father-name = Father's or husband's name
kh-gender = Gender
kh-gender-unknown = Not stated
kh-gender-male = Male
kh-gender-female = Female
kh-gender-other = Other
kh-dob = Date of birth
kh-mobile = Mobile number
kh-mobile-hint = An SMS is sent here at each stage.
kh-address = Address
kh-service-form = Details for this service
kh-urgent-service = Urgent service ({ $count } working days, higher fee)
kh-documents-needed = Documents needed
kh-take-application = Take application and print receipt

## One application
kh-receipt = Receipt
kh-taken-at = Taken
kh-qr-track = Scan to track this application
kh-fee-head = Fee head
kh-amount = Amount
kh-print-receipt = Print the receipt
kh-certificate = Certificate
kh-payment = Payment
kh-method = Paid by
kh-reference = e-Pay reference (PSID)
kh-reference-hint = Only for e-Pay.
kh-amount-received = Amount received (Rs)
kh-amount-hint = The fee due is { $total }.
kh-record-payment = Record payment
kh-paid = Paid { $amount } by { $method }.
kh-next-step = Next step
kh-reason-hint = Required to return or reject; the citizen sees it.
kh-action-forward = Done: { $stage }
kh-action-return = Return for a deficiency
kh-action-reject = Reject
kh-action-resubmit = Deficiency made good: resubmit
kh-action-deliver = Hand over to the citizen
kh-no-documents = No documents uploaded yet.
kh-document-type = Document
kh-file = File
kh-file-hint = PDF, JPEG or PNG, up to 5 MB.
kh-upload = Upload
kh-history = History

## The certificate
kh-cert-revoked = This certificate was revoked on { $date }: { $reason }
kh-qr-verify = Scan to check that this certificate is genuine
kh-verify-how = Anyone can check this certificate at this address, or offline with the province's published key:

## The back office
kh-queue-title = Back office
kh-queue-lead = Applications waiting for you, the most urgent first. Deadlines are in working days.
kh-queue-empty = Nothing is waiting for you.

## The dashboard
kh-dashboard-title = Centre dashboard
kh-whole-province = The whole province
kh-tokens-issued = tokens issued
kh-average-wait = average wait
kh-average-service = average service time
kh-applications-taken = applications taken
kh-sla-compliance = decided within their deadline
kh-revenue = fees collected
kh-by-service = By service
kh-taken = Taken
kh-within-sla = Within deadline
kh-breached = Late
kh-revenue-by-head = Fees by head
kh-closings = Counter closings
kh-expected = Expected
kh-declared = Declared
kh-discrepancy = Discrepancy
kh-no-closings = No counter has closed this day.

## Kiosk and board
kh-kiosk-lead = Choose your queue and take your token.
kh-your-token = Your token
kh-ahead = People ahead of you: { $count }
kh-watch-board = Watch the board: your number and counter will be shown.
kh-next-citizen = Next citizen
kh-nobody-serving = No token is being served.
kh-next-up = Next
kh-track-title = Track your application
kh-track-lead = Enter the tracking id from your receipt and the last four digits of your CNIC.
kh-tracking-hint = Like PB-2026-000123
kh-cnic-last4 = Last four digits of your CNIC
kh-cnic-last4-hint = For 35202-1234567-1, enter 5671
kh-track = Track
kh-track-not-found = No application matches this tracking id and CNIC. Check both and try again.
kh-feedback = How were you served?
kh-rating = Rating (1 poor, 5 excellent)
kh-comment = Comment
kh-send-feedback = Send feedback
kh-feedback-thanks = Thank you for your feedback.

## Verification
kh-verify-title = Check a certificate
kh-verify-valid = This certificate is genuine
kh-verify-revoked = This certificate was revoked
kh-verify-invalid = This certificate is not genuine
kh-certificate-no = Certificate number
kh-holder = Issued to
kh-issued-on = Issued on
kh-verify-paste = Certificate code
kh-verify-hint = Scan the QR code on the certificate, or paste the code printed under it.
kh-verify = Check
kh-published-keys = The provinces' published keys
