nav-geo = Geography
nav-geo-hint = Divisions, districts and tehsils, as of any date.
nav-offices = Offices
nav-offices-hint = Departments, attached departments and field offices, with their sanctioned posts.
nav-holidays = Holidays
nav-holidays-hint = Public holidays of the year.
role-mdm-editor = Reference data editor
