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
