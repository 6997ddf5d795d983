nav-geo = جغرافیہ
nav-geo-hint = ڈویژن، اضلاع اور تحصیلیں، کسی بھی تاریخ کے مطابق۔
nav-offices = دفاتر
nav-offices-hint = محکمے، منسلک محکمے اور فیلڈ دفاتر، منظور شدہ اسامیوں سمیت۔
nav-holidays = تعطیلات
nav-holidays-hint = سال کی عام تعطیلات۔
role-mdm-editor = حوالہ جاتی ڈیٹا مدیر

## Shared by the registry pages
mdm-breadcrumb = آپ یہاں ہیں
mdm-as-of = تاریخ
mdm-as-of-hint = ریکارڈ اس دن کی صورتِ حال کے مطابق دکھایا جائے گا۔
mdm-show = دکھائیں
mdm-as-it-stood = { $date } کی صورتِ حال
mdm-code = کوڈ
mdm-name = نام
mdm-level = سطح
mdm-kind = قسم
mdm-name-en = انگریزی نام
mdm-name-ur = اردو نام
mdm-location = مقام
mdm-status = حیثیت
mdm-in-force = نافذ
mdm-retired = ختم شدہ
mdm-not-yet = ابھی نافذ نہیں
mdm-in-force-since = مؤثر تاریخ
mdm-retired-on = تاریخِ خاتمہ
mdm-successors = جانشین
mdm-predecessors = پیش رو
mdm-none = کوئی نہیں
mdm-notice-retired = { $as_of } کو نافذ نہیں: { $date } سے ختم شدہ۔ آخری صورت دکھائی گئی ہے۔
mdm-notice-not-yet = { $as_of } کو نافذ نہیں: { $date } سے مؤثر۔ تازہ ترین صورت دکھائی گئی ہے۔
mdm-units-count = { $count ->
    [one] 1 اکائی
   *[other] { $count } اکائیاں
}
mdm-history = تاریخچہ
mdm-valid-from = مؤثر از
mdm-valid-to = مؤثر تا
mdm-open-ended = تاحکمِ ثانی
mdm-change = تبدیلی
mdm-notification-no = اعلامیہ نمبر
mdm-notification-date = تاریخِ اعلامیہ

## Geography
geo-title = جغرافیہ
geo-counts = { $divisions ->
    [one] 1 ڈویژن
   *[other] { $divisions } ڈویژن
}، { $districts ->
    [one] 1 ضلع
   *[other] { $districts } اضلاع
}
geo-tree-title = ڈویژن اور ان کے اضلاع
geo-none = اس تاریخ کو کوئی ڈویژن نافذ نہیں تھا۔
geo-parent = بالائی اکائی
geo-children = { $name } میں شامل اکائیاں
geo-children-none = اس تاریخ کو اس میں کوئی اکائی شامل نہیں تھی۔

## Offices
offices-title = دفاتر
offices-kind-all = تمام اقسام
offices-district = ضلع
offices-district-all = تمام اضلاع
offices-q = نام یا کوڈ
offices-q-hint = نام یا کوڈ کا کوئی حصہ، جیسے خزانہ
offices-count = { $count ->
    [one] 1 دفتر
   *[other] { $count } دفاتر
}
offices-none = کوئی دفتر نہیں ملا۔ کوئی شرط ہٹا دیں یا ہجے جانچ لیں۔
office-parent = بالائی محکمہ
office-children = { $name } کے ماتحت دفاتر
office-posts = منظور شدہ اسامیاں
office-post-code = اسامی کوڈ
office-designation = عہدہ
office-bps = گریڈ (بی پی ایس)
office-posts-count = { $count ->
    [one] 1 منظور شدہ اسامی
   *[other] { $count } منظور شدہ اسامیاں
}
office-posts-none = اس دفتر کی کوئی منظور شدہ اسامی درج نہیں۔

## Holidays
holidays-title = { $year } کی عام تعطیلات
holidays-years = دیگر سال
holidays-prev = پچھلا سال: { $year }
holidays-next = اگلا سال: { $year }
holidays-count = { $count ->
    [one] 1 تعطیل
   *[other] { $count } تعطیلات
}
holidays-date = تاریخ
holidays-name = تعطیل
holidays-note = کیفیت
holidays-none = { $year } کی کوئی عام تعطیل درج نہیں۔

## Levels of the registries
level-province = صوبہ
level-division = ڈویژن
level-district = ضلع
level-tehsil = تحصیل
level-union_council = یونین کونسل
level-department = محکمہ
level-attached_department = منسلک محکمہ
level-office = دفتر

## Kinds of change, as shown in a unit's history
change-pack = ابتدائی اندراج
change-create = قیام
change-rename = نام کی تبدیلی
change-split = تقسیم
change-merge = انضمام
change-retire = خاتمہ
change-update = ترمیم
change-move = منتقلی

## Validation: each says how to put it right
err-code-prefix = کوڈ اپنے صوبے کے دو حرفی کوڈ اور ڈیش سے شروع کریں
err-level = اس رجسٹر کی کوئی سطح منتخب کریں، جیسے ضلع یا دفتر
err-name = نام درج کریں، زیادہ سے زیادہ 200 حروف
err-name-ur = اردو نام اردو رسم الخط میں درج کریں، زیادہ سے زیادہ 200 حروف
err-parent-required = اس اکائی کا کوڈ درج کریں جس میں یہ شامل ہے
err-parent-none = بالائی اکائی کا خانہ خالی چھوڑ دیں: اس سطح کی اکائی کسی اور اکائی میں شامل نہیں ہوتی
err-location-required = دفتر کے مقام کا جغرافیائی کوڈ درج کریں، جیسا کہ جغرافیہ کے صفحے پر درج ہے
err-notification-no = اعلامیہ نمبر درج کریں، زیادہ سے زیادہ 120 حروف
err-date = تاریخ YYYY-MM-DD کی صورت میں درج کریں، جیسے 2026-07-01
err-note = نوٹ مختصر کر کے 2,000 حروف یا اس سے کم کریں
err-parent-missing = ایسی بالائی اکائی کا کوڈ درج کریں جو مؤثر تاریخ پر نافذ ہو
err-parent-level = اس سطح کی بالائی اکائی درج کریں جس میں یہ اکائی شامل ہوتی ہے، جیسے ضلع کے لیے ڈویژن
err-location = ایسی جغرافیائی اکائی کا کوڈ درج کریں جو مؤثر تاریخ پر نافذ ہو
err-code-retired = کوئی اور کوڈ منتخب کریں: یہ کوڈ ایک ختم شدہ اکائی کا تھا، اور کوڈ دوبارہ استعمال نہیں کیے جاتے
err-code-exists = کوئی اور کوڈ منتخب کریں: یہ کوڈ پہلے سے استعمال میں ہے
err-unit-not-in-force = ایسی اکائی کا کوڈ درج کریں جو مؤثر تاریخ پر نافذ ہو
err-effective-before-latest = بعد کی مؤثر تاریخ درج کریں: اس اکائی میں اس تاریخ کو یا اس کے بعد پہلے ہی تبدیلی ہو چکی ہے
err-has-children = پہلے اس میں شامل اکائیاں منتقل یا ختم کریں
err-successor = اس اکائی کے علاوہ کسی موجود اکائی کا کوڈ درج کریں
err-split-empty = تقسیم کے لیے کم از کم ایک نئی اکائی شامل کریں
err-merge-empty = ضم کرنے کے لیے کم از کم ایک اکائی شامل کریں
err-merge-new-code = نئی اکائی کا کوڈ وہی رکھیں جو اس اکائی کا ہے جس میں انضمام ہو رہا ہے
err-merge-into-self = جس اکائی میں انضمام ہو رہا ہے اسے ضم ہونے والی اکائیوں کی فہرست سے نکال دیں
err-year = 1900 سے 2200 تک کا کوئی سال درج کریں
err-change-kind = تبدیلی کی قسم منتخب کریں: نئی اکائی، نام کی تبدیلی، تقسیم، انضمام یا خاتمہ
role-mdm-steward = افراد کے ریکارڈ کا نگران
role-mdm-registrar = رجسٹرار (ریکارڈ کی شناخت)
err-person-source = ماخذ 1 سے 40 چھوٹے انگریزی حروف، ہندسوں، انڈرسکور یا ڈیش میں درج کریں، جیسے khidmat
err-person-source-id = ماخذ نظام میں ریکارڈ کی شناخت درج کریں، زیادہ سے زیادہ 100 حروف
err-person-field = زیادہ سے زیادہ 200 حروف درج کریں، کنٹرول حروف کے بغیر
err-person-name-or-cnic = نام یا شناختی کارڈ نمبر درج کریں
err-cnic = شناختی کارڈ نمبر 13 ہندسوں میں درج کریں، جیسے 35202-1234567-1
err-person-gender = جنس M یا F درج کریں
err-person-dob = تاریخِ پیدائش YYYY-MM-DD، DD/MM/YYYY یا صرف سال درج کریں
err-person-phone = فون نمبر اس طرح درج کریں: 0300-1234567
err-person-query = شناختی کارڈ نمبر یا نام کا کچھ حصہ درج کریں
err-person-reason = اس فیصلے کی وجہ لکھیں، زیادہ سے زیادہ 500 حروف
err-review-status = کھلا، منظور شدہ یا مسترد منتخب کریں
err-review-decided = اس جائزے کا فیصلہ پہلے ہی ہو چکا ہے
err-person-merged = یہ شخص کسی دوسرے ریکارڈ میں ضم ہو چکا ہے؛ وہ ریکارڈ استعمال کریں
err-merge-undone = یہ انضمام پہلے ہی واپس لیا جا چکا ہے
