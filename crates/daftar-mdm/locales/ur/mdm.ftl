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
err-person-not-found = ایسا کوئی شخص موجود نہیں؛ شناخت جانچیں

## People: the person registry pages
nav-persons = افراد
nav-persons-hint = شناختی کارڈ نمبر یا نام سے کسی شخص کو تلاش کریں؛ اس سے متعلق تمام ریکارڈ دیکھیں۔
nav-reviews = جائزے کی قطار
nav-reviews-hint = افراد کے ریکارڈ میں ممکنہ مماثلتوں کا فیصلہ کریں۔
nav-quality = ڈیٹا کا معیار
nav-quality-hint = ہر ماخذ کے ریکارڈ کتنے مکمل اور درست ہیں۔
persons-error-prefix = خرابی:
persons-title = کسی شخص کی تلاش
persons-lead = ہر شخص کا ایک ریکارڈ ہے، جو محکموں کے نظاموں میں اس کے بارے میں موجود ریکارڈ سے تیار کیا جاتا ہے۔
persons-search-label = شناختی کارڈ نمبر یا نام
persons-search-hint = شناختی کارڈ نمبر، ڈیش کے ساتھ یا بغیر، یا نام کا کوئی حصہ کسی بھی ہجے میں
persons-search-button = تلاش کریں
persons-results = نتائج
persons-count = { $count ->
    [one] 1 شخص ملا
   *[other] { $count } افراد ملے
}
persons-none-found = کوئی شخص نہیں ملا۔ شناختی کارڈ نمبر جانچ لیں، یا نام کے کم الفاظ سے تلاش کریں۔
persons-no-name = نام درج نہیں
persons-not-recorded = درج نہیں
persons-merged-tag = ضم شدہ
persons-stewardship = ریکارڈ کی نگرانی
persons-caption = فرد
persons-id = فرد کی آئی ڈی
persons-merged-notice = یہ ریکارڈ کسی دوسرے شخص کے ریکارڈ میں ضم کر دیا گیا ہے۔
persons-merged-link = اُس شخص کا ریکارڈ دیکھیں
persons-golden-title = مستند ترین کوائف
persons-golden-lead = ہر اندراج نیچے دیے گئے ریکارڈ میں سے کسی ایک سے، ساتھ درج قاعدے کے مطابق لیا گیا ہے۔
persons-lineage-from = ماخذ:
persons-sources-title = اس شخص سے منسلک ریکارڈ
persons-sources-count = { $count ->
    [one] 1 ریکارڈ
   *[other] { $count } ریکارڈ
}
persons-sources-none = اس شخص سے کوئی ماخذ ریکارڈ منسلک نہیں۔
persons-source = ماخذ نظام
persons-source-id = اس نظام میں شناخت
persons-decision = فیصلہ
persons-probability = مماثلت کا امکان
persons-probability-hint = مماثلت کا امکان بتاتا ہے کہ موصول ہوتے وقت اس ریکارڈ کا کسی موجودہ شخص سے تعلق ہونے کا کتنا امکان تھا۔
persons-received = تاریخِ وصولی
persons-gender-m = مرد
persons-gender-f = خاتون
persons-merge-title = کسی دوسرے شخص میں ضم کریں
persons-merge-lead = اگر یہ وہی شخص ہے جس کا کوئی اور ریکارڈ موجود ہے تو اسے اُس ریکارڈ میں ضم کریں۔ اس کے ماخذ ریکارڈ اُس شخص کو منتقل ہو جائیں گے اور یہ ریکارڈ اُسی کی طرف رہنمائی کرے گا۔ انضمام کا اندراج محفوظ رہتا ہے اور اسے واپس لیا جا سکتا ہے۔
persons-merge-into = اُس شخص کی آئی ڈی جس کے ساتھ یہ ایک ہی فرد ہے
persons-merge-into-hint = وہ آئی ڈی جو اُس شخص کے صفحے پر درج ہے
persons-reason = وجہ
persons-reason-hint = آپ کو یقین کیوں ہے، زیادہ سے زیادہ 500 حروف۔ یہ آڈٹ ریکارڈ میں محفوظ رہتی ہے۔
persons-merge-button = اُس شخص میں ضم کریں
persons-reviews-title = ممکنہ مماثلتیں
persons-reviews-lead = نیچے دیا گیا ہر ریکارڈ شاید پہلے سے موجود کسی شخص کا ہو۔ دونوں کا موازنہ کر کے فیصلہ کریں۔
persons-reviews-count = { $count ->
    [one] 1 ممکنہ مماثلت زیرِ التوا
   *[other] { $count } ممکنہ مماثلتیں زیرِ التوا
}
persons-reviews-showing = { $count } ممکنہ مماثلتیں زیرِ التوا؛ سب سے پرانی { $shown } دکھائی گئی ہیں
persons-reviews-none = کوئی ممکنہ مماثلت زیرِ التوا نہیں۔ جب کوئی ایسا ریکارڈ موصول ہو جو شاید پہلے سے موجود کسی شخص کا ہو تو وہ یہاں ظاہر ہو گا۔
persons-review-and = اور
persons-review-probability = ایک ہی شخص ہونے کا امکان:
persons-compare-caption = دونوں ریکارڈ آمنے سامنے
persons-attribute = اندراج
persons-this-record = یہ ریکارڈ
persons-possible-match = ممکنہ مماثل ریکارڈ
persons-differs = مختلف
persons-one-side-only = صرف ایک میں درج
persons-evidence-caption = یہ ایک ہی شخص کیوں ہو سکتے ہیں
persons-agreement = اندراجات میں مطابقت
persons-weight = وزن
persons-weight-hint = مثبت وزن ایک ہی شخص ہونے کی طرف اشارہ کرتا ہے اور منفی وزن الگ الگ افراد ہونے کی طرف؛ عدد جتنا بڑا ہو، شہادت اتنی ہی مضبوط ہے۔
persons-tf-adjusted = اندراج کتنا عام ہے، اس کے مطابق ترمیم شدہ
persons-accept-title = ایک ہی شخص
persons-accept-reason = یہ ایک ہی شخص کیوں ہیں
persons-accept-hint = زیادہ سے زیادہ 500 حروف۔ زیرِ التوا ریکارڈ ممکنہ مماثل ریکارڈ میں ضم کر دیا جائے گا۔
persons-accept-button = ایک ہی شخص: ضم کریں
persons-reject-title = الگ الگ افراد
persons-reject-reason = یہ الگ الگ افراد کیوں ہیں
persons-reject-hint = زیادہ سے زیادہ 500 حروف۔ دونوں ریکارڈ الگ رہیں گے۔
persons-reject-button = الگ الگ افراد
persons-quality-title = ڈیٹا کا معیار
persons-quality-lead = ہر ماخذ نظام کے افراد سے متعلق ریکارڈ کتنے مکمل اور درست ہیں۔
persons-quality-count = { $count ->
    [one] 1 ماخذ نظام
   *[other] { $count } ماخذ نظام
}
persons-quality-none = ابھی تک کسی نظام سے کوئی ریکارڈ موصول نہیں ہوا۔
persons-quality-records = ریکارڈ
persons-quality-complete = مکمل (%)
persons-quality-valid = درست (%)
persons-quality-parity = جنس اور شناختی کارڈ میں تضاد
persons-quality-duplicates = دہرے ریکارڈ
persons-quality-measures = پیمانوں کی وضاحت
persons-quality-complete-hint = ماخذ کے ریکارڈ میں سے کتنے فیصد میں ہر اندراج موجود ہے۔
persons-quality-valid-hint = ماخذ کے ریکارڈ میں سے کتنے فیصد میں درست اندراج ہے: 13 ہندسوں کا شناختی کارڈ نمبر، 0300-1234567 جیسا موبائل نمبر، اور مکمل تاریخِ پیدائش (دن، مہینہ اور سال)۔
persons-quality-parity-hint = وہ ریکارڈ جن میں درج جنس شناختی کارڈ نمبر سے مطابقت نہیں رکھتی: شناختی کارڈ نمبر کا آخری ہندسہ مردوں کے لیے طاق اور خواتین کے لیے جفت ہوتا ہے۔
persons-quality-duplicates-hint = وہ ریکارڈ جو رجسٹر میں پہلے سے موجود کسی شخص سے مماثل نکلے یا ممکنہ طور پر مماثل ہیں۔
persons-rule-trusted_source = معتبر ترین ماخذ
persons-rule-most_recent = تازہ ترین
persons-rule-most_complete = مکمل ترین
persons-decision-match = مماثل
persons-decision-possible = ممکنہ مماثل
persons-decision-new = نیا شخص
persons-field-cnic = شناختی کارڈ نمبر
persons-field-name = نام
persons-field-father_name = ولدیت
persons-field-gender = جنس
persons-field-dob = تاریخِ پیدائش
persons-field-district = ضلع
persons-field-address = پتہ
persons-field-phone = فون نمبر
persons-level-exact = ہو بہو
persons-level-reordered = وہی الفاظ، مختلف ترتیب
persons-level-similar = ملتا جلتا
persons-level-sounds-alike = ہم آواز
persons-level-somewhat-similar = کسی حد تک ملتا جلتا
persons-level-contained = ایک دوسرے میں شامل
persons-level-different = مختلف
persons-level-missing = ایک یا دونوں ریکارڈ میں درج نہیں
persons-level-1-edit = ایک ہندسے کا فرق
persons-level-2-edits = دو ہندسوں کا فرق
persons-level-day-month-swapped = دن اور مہینہ الٹ
persons-level-one-digit-off = ایک ہندسے کا فرق
persons-level-same-year-and-month = ایک ہی سال اور مہینہ
persons-level-same-year = ایک ہی سال
persons-level-words-at-least-090 = تقریباً تمام الفاظ مشترک (90 فیصد یا زیادہ)
persons-level-words-at-least-070 = زیادہ تر الفاظ مشترک (70 فیصد یا زیادہ)
persons-level-words-at-least-050 = نصف الفاظ مشترک (50 فیصد یا زیادہ)
