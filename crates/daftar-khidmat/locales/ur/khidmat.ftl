## Navigation and roles
nav-khidmat-counter = سروس کاؤنٹر
nav-khidmat-counter-hint = اگلا ٹوکن بلائیں، درخواستیں اور ادائیگیاں وصول کریں، حوالے کریں، دن بند کریں۔
nav-khidmat-queue = بیک آفس
nav-khidmat-queue-hint = آپ کی منتظر درخواستیں، باقی کام کے دنوں کے ساتھ۔
nav-khidmat-dashboard = مرکز کا ڈیش بورڈ
nav-khidmat-dashboard-hint = ٹوکن، انتظار اور خدمت کا وقت، مقررہ مدت کی پابندی اور روزانہ آمدن۔
nav-khidmat-services = شہری خدمات
nav-khidmat-services-hint = صوبے کے مراکز کی خدمات، دستاویزات، فیس اور مدت۔
role-khidmat-operator = کاؤنٹر آپریٹر
role-khidmat-officer = بیک آفس افسر
role-khidmat-manager = مرکز کا منیجر
role-khidmat-admin = ای خدمت منتظم

## Errors
khidmat-err-category = عام، ترجیحی یا خواتین میں سے چنیں
khidmat-err-transfer = اسی مرکز کا کوئی اور کاؤنٹر چنیں
khidmat-err-token-action = دوبارہ بلائیں، غیر حاضر، مکمل یا منتقل میں سے چنیں
khidmat-err-mobile = موبائل نمبر اس طرح لکھیں: 0300 1234567
khidmat-err-gender = مرد، عورت یا دیگر چنیں
khidmat-err-no-urgent = اس خدمت میں فوری سہولت نہیں ہے
khidmat-err-too-long = یہ بہت طویل ہے
khidmat-err-number = عدد لکھیں
khidmat-err-unknown-field = اس خدمت میں ایسا کوئی خانہ نہیں
khidmat-err-unknown-counter = ایسا کوئی کاؤنٹر نہیں
khidmat-err-unknown-service = ایسی کوئی خدمت نہیں
khidmat-err-no-fees = آج اس خدمت کی کوئی فیس نافذ نہیں
khidmat-err-reference = ای پے حوالہ (پی ایس آئی ڈی) لکھیں: حروف اور ہندسے
khidmat-err-method = نقد یا ای پے چنیں
khidmat-err-amount = رقم واجب الادا فیس کے برابر ہونی چاہیے
khidmat-err-doc-type = اس خدمت کی مطلوبہ دستاویزات میں سے ایک چنیں
khidmat-err-too-large = فائل ۵ ایم بی سے بڑی ہے
khidmat-err-file-type = پی ڈی ایف، جے پیگ یا پی این جی فائل اپ لوڈ کریں
khidmat-err-reason = وجہ بتائیں
khidmat-err-rating = ۱ سے ۵ تک درجہ چنیں
khidmat-err-key = آئیڈمپوٹنسی کلید سادہ متن ہونی چاہیے
khidmat-err-discrepancy-note = نقدی مطابقت نہیں رکھتی: فرق کی وضاحت کریں

## Conflicts (409)
khidmat-conflict-transition = { $tracking } اس وقت { $stage } پر ہے: اجازت شدہ کارروائیاں { $allowed } ہیں
khidmat-conflict-no-transition = { $tracking } اس وقت { $stage } پر ہے: یہاں کوئی کارروائی ممکن نہیں
khidmat-conflict-feedback-early = رائے درخواست کی حوالگی کے بعد دی جاتی ہے
khidmat-conflict-feedback-given = رائے پہلے ہی دی جا چکی ہے
khidmat-conflict-revoked = سرٹیفکیٹ { $number } پہلے ہی منسوخ ہو چکا ہے
khidmat-conflict-token = ٹوکن { $number } کی حالت { $status } ہے، کسی کاؤنٹر پر بلایا نہیں گیا
khidmat-conflict-closed = کاؤنٹر { $counter } { $day } کے لیے پہلے ہی بند ہو چکا ہے
khidmat-conflict-key = یہ Idempotency-Key کسی دوسری درخواست کے لیے استعمال ہو چکی ہے
khidmat-conflict-paid = { $tracking } کی ادائیگی پہلے ہی ہو چکی ہے
khidmat-verify-malformed = یہ دفتر کا سرٹیفکیٹ نہیں ہے
khidmat-verify-unknown-key = اس صوبے کی کسی شائع شدہ کلید نے اس سرٹیفکیٹ پر دستخط نہیں کیے
khidmat-verify-bad-signature = دستخط مطابقت نہیں رکھتے: سرٹیفکیٹ میں تبدیلی یا جعل سازی کی گئی ہے

## Pages: shared words
kh-error-prefix = خرابی:
kh-show = دکھائیں
kh-service = خدمت
kh-department = محکمہ
kh-centre = مرکز
kh-counter = کاؤنٹر
kh-token = ٹوکن
kh-stage = مرحلہ
kh-applicant = درخواست گزار
kh-tracking-id = ٹریکنگ نمبر
kh-total = کل
kh-fee = فیس
kh-urgent = فوری
kh-optional = اختیاری
kh-documents = دستاویزات
kh-reason = وجہ
kh-when = کب
kh-by = کس نے
kh-step = کارروائی
kh-day = دن
kh-minutes = منٹ
kh-working-days = { $count } کام کے دن
kh-days-left = { $count } کام کے دن باقی
kh-overdue = مقررہ مدت سے { $count } کام کے دن زائد
kh-due = مقررہ تاریخ
kh-due-on = مقررہ تاریخ { $date }
kh-left = باقی وقت
kh-escalated = اعلیٰ سطح پر منتقل (سطح { $level })
kh-stage-payment = ادائیگی کی منتظر
kh-stage-returned = کمی کی وجہ سے واپس
kh-stage-rejected = مسترد
kh-stage-ready = وصولی کے لیے تیار
kh-stage-delivered = حوالے کر دی گئی
kh-category-general = عام
kh-category-priority = ترجیحی
kh-category-women = خواتین
kh-category-general-hint = باقی سب، آمد کی ترتیب سے۔
kh-category-priority-hint = بزرگ شہریوں اور خصوصی افراد کو پہلے خدمت فراہم کی جاتی ہے۔
kh-category-women-hint = خواتین کے کاؤنٹر پر خدمت، جہاں مرکز میں یہ کاؤنٹر موجود ہو۔
kh-head-government_fee = سرکاری فیس
kh-head-service_charge = سروس چارج
kh-head-affidavit = بیان حلفی
kh-head-courier = کورئیر
kh-method-cash = نقد
kh-method-epay = ای پے

## The catalogue
kh-services-title = شہری خدمات
kh-services-lead = صوبے کے ای خدمت مراکز کی خدمات، { $date } کو نافذ فیسوں کے ساتھ۔
kh-turnaround = تکمیل کی مدت
kh-no-fee = کوئی فیس نافذ نہیں
kh-officers = افسران
kh-designated = نامزد افسر
kh-appellate = اپیلیٹ اتھارٹی

## The counter
kh-desk-title = سروس کاؤنٹر
kh-no-counter = آپ کسی کاؤنٹر پر تعینات نہیں ہیں۔ کاؤنٹر آپریٹر کے کردار کے لیے اپنے مرکز کے منیجر سے رابطہ کریں۔
kh-waiting-count = منتظر: { $count }
kh-board = ڈسپلے بورڈ
kh-kiosk = ٹوکن کیوسک
kh-now-serving = اب باری
kh-recalled = { $count } بار دوبارہ بلایا گیا
kh-finish-and-next = مکمل کریں اور اگلا بلائیں
kh-call-next = اگلا ٹوکن بلائیں
kh-token-recall = دوبارہ بلائیں
kh-token-no_show = غیر حاضر
kh-token-finish = مکمل
kh-token-transfer = منتقل
kh-transfer-to = کاؤنٹر پر بھیجیں
kh-no-token = اس کاؤنٹر پر کوئی ٹوکن نہیں۔
kh-new-application = درخواست وصول کریں
kh-pending = اس مرکز کے کاؤنٹرز پر منتظر
kh-none-pending = کاؤنٹر پر کچھ منتظر نہیں: کوئی غیر ادا شدہ، واپس شدہ یا تیار درخواست نہیں۔
kh-close-day = دن بند کریں
kh-declared-cash = دراز میں نقدی (روپے)
kh-declared-hint = نقدی گنیں اور کل رقم لکھیں، جیسے 12,550۔
kh-closing-note = نوٹ
kh-closing-note-hint = جب نقدی وصول شدہ ادائیگیوں سے مطابقت نہ رکھے تو لازمی ہے۔

## A new application
kh-new-title = نئی درخواست
kh-choose-service = وہ خدمت چنیں جو شہری طلب کر رہا ہے۔
kh-cnic = شناختی کارڈ نمبر
kh-cnic-hint = ۱۳ ہندسے، جیسے 35202-1234567-1
kh-name = نام
kh-father-name = والد یا شوہر کا نام
kh-gender = جنس
kh-gender-unknown = درج نہیں
kh-gender-male = مرد
kh-gender-female = عورت
kh-gender-other = دیگر
kh-dob = تاریخ پیدائش
kh-mobile = موبائل نمبر
kh-mobile-hint = ہر مرحلے پر اس نمبر پر ایس ایم ایس بھیجا جاتا ہے۔
kh-address = پتہ
kh-service-form = اس خدمت کی تفصیلات
kh-urgent-service = فوری خدمت ({ $count } کام کے دن، زیادہ فیس)
kh-documents-needed = مطلوبہ دستاویزات
kh-take-application = درخواست وصول کریں اور رسید پرنٹ کریں

## One application
kh-receipt = رسید
kh-taken-at = وصولی کا وقت
kh-qr-track = اس درخواست کو ٹریک کرنے کے لیے اسکین کریں
kh-fee-head = فیس کی مد
kh-amount = رقم
kh-print-receipt = رسید پرنٹ کریں
kh-certificate = سرٹیفکیٹ
kh-payment = ادائیگی
kh-method = ادائیگی کا طریقہ
kh-reference = ای پے حوالہ (پی ایس آئی ڈی)
kh-reference-hint = صرف ای پے کے لیے۔
kh-amount-received = وصول شدہ رقم (روپے)
kh-amount-hint = واجب الادا فیس { $total } ہے۔
kh-record-payment = ادائیگی درج کریں
kh-paid = { $method } کے ذریعے { $amount } ادا کیے گئے۔
kh-next-step = اگلا مرحلہ
kh-reason-hint = واپس کرنے یا مسترد کرنے کے لیے لازمی ہے؛ یہ وجہ شہری کو دکھائی جائے گی۔
kh-action-forward = مکمل: { $stage }
kh-action-return = کمی کی وجہ سے واپس کریں
kh-action-reject = مسترد کریں
kh-action-resubmit = کمی پوری کر دی گئی: دوبارہ جمع کرائیں
kh-action-deliver = شہری کے حوالے کریں
kh-no-documents = ابھی تک کوئی دستاویز اپ لوڈ نہیں کی گئی۔
kh-document-type = دستاویز
kh-file = فائل
kh-file-hint = PDF، JPEG یا PNG، زیادہ سے زیادہ 5 MB۔
kh-upload = اپ لوڈ کریں
kh-history = تاریخچہ

## The certificate
kh-cert-revoked = یہ سرٹیفکیٹ { $date } کو منسوخ کر دیا گیا: { $reason }
kh-qr-verify = اس سرٹیفکیٹ کے اصلی ہونے کی تصدیق کے لیے اسکین کریں
kh-verify-how = کوئی بھی شخص اس سرٹیفکیٹ کی تصدیق اس پتے پر، یا صوبے کی شائع شدہ کلید کے ذریعے آف لائن کر سکتا ہے:

## The back office
kh-queue-title = بیک آفس
kh-queue-lead = آپ کی منتظر درخواستیں، سب سے فوری پہلے۔ مقررہ مدت کام کے دنوں میں ہے۔
kh-queue-empty = آپ کے پاس کوئی درخواست منتظر نہیں۔

## The dashboard
kh-dashboard-title = مرکز کا ڈیش بورڈ
kh-whole-province = پورا صوبہ
kh-tokens-issued = جاری کردہ ٹوکن
kh-average-wait = اوسط انتظار
kh-average-service = خدمت کا اوسط وقت
kh-applications-taken = وصول شدہ درخواستیں
kh-sla-compliance = مقررہ مدت کے اندر فیصلہ شدہ
kh-revenue = وصول شدہ فیس
kh-by-service = خدمت کے لحاظ سے
kh-taken = وصول شدہ
kh-within-sla = مقررہ مدت کے اندر
kh-breached = تاخیر سے
kh-revenue-by-head = مد کے لحاظ سے فیس
kh-closings = کاؤنٹر کی بندش
kh-expected = متوقع
kh-declared = ظاہر کردہ
kh-discrepancy = فرق
kh-no-closings = اس دن کوئی کاؤنٹر بند نہیں ہوا۔

## Kiosk and board
kh-kiosk-lead = اپنی قطار چنیں اور اپنا ٹوکن لیں۔
kh-your-token = آپ کا ٹوکن
kh-ahead = آپ سے پہلے افراد: { $count }
kh-watch-board = بورڈ پر نظر رکھیں: آپ کا نمبر اور کاؤنٹر وہاں دکھایا جائے گا۔
kh-next-citizen = اگلا شہری
kh-nobody-serving = اس وقت کسی ٹوکن کی باری نہیں۔
kh-next-up = اگلا
kh-track-title = اپنی درخواست ٹریک کریں
kh-track-lead = اپنی رسید پر درج ٹریکنگ نمبر اور اپنے شناختی کارڈ کے آخری چار ہندسے لکھیں۔
kh-tracking-hint = جیسے PB-2026-000123
kh-cnic-last4 = آپ کے شناختی کارڈ کے آخری چار ہندسے
kh-cnic-last4-hint = 35202-1234567-1 کے لیے 5671 لکھیں
kh-track = ٹریک کریں
kh-track-not-found = اس ٹریکنگ نمبر اور شناختی کارڈ سے کوئی درخواست مطابقت نہیں رکھتی۔ دونوں چیک کر کے دوبارہ کوشش کریں۔
kh-feedback = آپ کو خدمت کیسی لگی؟
kh-rating = درجہ (۱ ناقص، ۵ بہترین)
kh-comment = تبصرہ
kh-send-feedback = رائے بھیجیں
kh-feedback-thanks = آپ کی رائے کا شکریہ۔

## Verification
kh-verify-title = سرٹیفکیٹ کی تصدیق کریں
kh-verify-valid = یہ سرٹیفکیٹ اصلی ہے
kh-verify-revoked = یہ سرٹیفکیٹ منسوخ کر دیا گیا ہے
kh-verify-invalid = یہ سرٹیفکیٹ اصلی نہیں ہے
kh-certificate-no = سرٹیفکیٹ نمبر
kh-holder = جاری کردہ بنام
kh-issued-on = تاریخ اجرا
kh-verify-paste = سرٹیفکیٹ کوڈ
kh-verify-hint = سرٹیفکیٹ پر موجود کیو آر کوڈ اسکین کریں، یا اس کے نیچے چھپا ہوا کوڈ پیسٹ کریں۔
kh-verify = تصدیق کریں
kh-published-keys = صوبوں کی شائع شدہ کلیدیں
