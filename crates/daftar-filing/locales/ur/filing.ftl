role-filing-officer = ای-فوس افسر
role-filing-diarist = ای-فوس ڈاک کلرک
role-filing-admin = ای-فوس منتظم

filing-err-too-long = یہ بہت طویل ہے
filing-err-department = وہ محکمہ منتخب کریں جس کی فائلیں ای-فوس میں ہیں
filing-err-section = اس محکمے کا سیکشن منتخب کریں
filing-err-record-class = ریکارڈ کی درجہ بندی منتخب کریں (A، B یا C)
filing-err-receipt = وہ ڈاک منتخب کریں جو آپ کے پاس ہے
filing-err-quick = مختصر نوٹ میں سے ایک منتخب کریں
filing-err-action = وہ کارروائی منتخب کریں جس کی یہاں اجازت ہے
filing-err-post = نافذ منظور شدہ اسامی منتخب کریں
filing-err-same-post = فائل پہلے ہی اسی اسامی کے پاس ہے
filing-err-not-senior = فائل سینئر اسامی کو پیش کی جاتی ہے
filing-err-not-junior = فائل جونیئر اسامی کو واپس کی جاتی ہے
filing-err-category = زمرہ منتخب کریں
filing-err-future = خط آج کے بعد کی تاریخ میں وصول نہیں ہو سکتا
filing-err-too-large = اسکین 5 ایم بی سے بڑا ہے
filing-err-file-type = پی ڈی ایف، جے پیگ یا پی این جی اسکین اپ لوڈ کریں
filing-err-language = انگریزی یا اردو منتخب کریں
filing-err-user = اس صوبے کے فعال اکاؤنٹ کا یوزر نیم درج کریں
filing-err-file = کوئی دوسری فائل منتخب کریں جسے آپ پڑھ سکتے ہیں
filing-err-kind = موضوعات، نوٹ، ڈاک یا مسودے منتخب کریں

## Conflicts (409): why an action was refused
filing-conflict-not-holder-file = فائل { $number } { $holder } کے پاس ہے: اس پر کارروائی صرف وہی کر سکتا ہے جس کے پاس فائل ہو
filing-conflict-not-holder-receipt = ڈاک { $number } { $holder } کے پاس ہے: اس پر کارروائی صرف وہی کر سکتا ہے جس کے پاس ڈاک ہو
filing-conflict-changed-file = فائل { $number } میں ابھی کسی اور نے تبدیلی کی ہے؛ صفحہ دوبارہ کھولیں
filing-conflict-changed-receipt = ڈاک { $number } میں ابھی کسی اور نے تبدیلی کی ہے؛ صفحہ دوبارہ کھولیں
filing-conflict-changed-draft = مسودے میں ابھی کسی اور نے تبدیلی کی ہے؛ صفحہ دوبارہ کھولیں
filing-conflict-receipt-not-open = ڈاک { $number } { $status ->
        [attached] پہلے ہی کسی فائل پر لگ چکی ہے
        [closed] بند ہو چکی ہے
       *[other] { $status } ہے
    }، کھلی نہیں
filing-conflict-no-post = { $office } میں آپ کی کوئی اسامی نہیں: فائلیں اسی کے افسران کھولتے ہیں
filing-conflict-closed = فائل { $number } بند ہے؛ پہلے اسے دوبارہ کھولیں
filing-conflict-not-closed = فائل { $number } بند نہیں ہے
filing-conflict-opened = فائل { $number } { $holder } کھول چکا ہے؛ اب اسے واپس نہیں منگوایا جا سکتا
filing-conflict-call-for = فائل { $number } { $holder } کے پاس ہے: اسے صرف اسی دفتر کا سینئر افسر طلب کر سکتا ہے
filing-conflict-parked = فائل { $number } پہلے ہی روکی ہوئی ہے
filing-conflict-not-parked = فائل { $number } روکی ہوئی نہیں ہے
filing-conflict-note-sealed = فائل { $number } کا نوٹ { $seq } مہر بند ہے اور کبھی تبدیل نہیں ہو سکتا؛ درستی کے لیے نیا نوٹ لکھیں
filing-conflict-discard = صرف اپنا مسودہ نوٹ ختم کیا جا سکتا ہے؛ مہر بند نوٹ برقرار رہتا ہے
filing-conflict-draft-fixed = یہ مسودہ { $status ->
        [approved] منظور ہو چکا ہے
        [issued] جاری ہو چکا ہے
       *[other] { $status } ہے
    }؛ منظور شدہ یا جاری شدہ خط تبدیل نہیں ہوتا
filing-conflict-draft-done = یہ مسودہ پہلے ہی { $status ->
        [approved] منظور ہو چکا ہے
        [issued] جاری ہو چکا ہے
       *[other] { $status } ہے
    }
filing-conflict-draft-unapproved = یہ مسودہ { $status ->
        [draft] ابھی منظور نہیں ہوا
        [issued] پہلے ہی جاری ہو چکا ہے
       *[other] { $status } ہے
    }: صرف منظور شدہ مسودہ جاری ہوتا ہے

## Navigation
nav-filing-inbox = فائلیں اور ڈاک
nav-filing-inbox-hint = آپ کی اسامیوں کے پاس موجود فائلیں اور خطوط، سب سے فوری پہلے۔
nav-filing-diarise = خط ڈائری کریں
nav-filing-diarise-hint = آنے والی ڈاک ڈائری میں درج کریں اور کسی افسر کو مارک کریں۔
nav-filing-search = فائلیں تلاش کریں
nav-filing-search-hint = فائلیں، نوٹ، خطوط اور مسودے انگریزی یا اردو میں تلاش کریں۔
nav-filing-pendency = زیرِ التوا کام
nav-filing-pendency-hint = کون سی فائلیں اور خطوط کس کے پاس کب سے ہیں، اور کون سے تاخیر کا شکار ہیں۔

## Pages: shared words
fl-error-prefix = خرابی:
fl-conflict-title = یہ کام نہیں ہوا
fl-conflict-hint = ممکن ہے کسی اور نے ابھی اس پر کارروائی کی ہو، یا اس کی موجودہ حالت میں یہ ممکن نہیں۔ صفحہ اب اس کی تازہ صورتِ حال دکھا رہا ہے؛ دیکھ کر دوبارہ کوشش کریں۔
fl-conflict-field = صفحے کے اوپر دیا گیا پیغام دیکھیں
fl-optional = اختیاری
fl-show = دکھائیں
fl-none = کوئی نہیں۔
fl-new = نیا
fl-since = از
fl-not-yet = ابھی نہیں
fl-kind = قسم
fl-kind-file = فائل
fl-kind-receipt = خط (ڈاک)
fl-number = نمبر
fl-subject = موضوع
fl-status = حالت
fl-status-open = کھلی
fl-status-parked = روکی ہوئی
fl-status-closed = بند
fl-held-since = کب سے پاس ہے
fl-held-for = کتنے عرصے سے
fl-due-on = مقررہ تاریخ
fl-with-post = کس کے پاس
fl-with = { $post } کے پاس
fl-with-you = یہ فائل آپ کے پاس ہے۔
fl-office = دفتر
fl-department = محکمہ
fl-section = سیکشن
fl-designation = اسامی
fl-officer = افسر
fl-vacant = خالی
fl-priority = ترجیح
fl-overdue = تاخیر شدہ
fl-remarks = ریمارکس
fl-when = کب
fl-from = از
fl-to = بنام
fl-year = سال
fl-confidential = خفیہ
fl-choose-post = اسامی منتخب کریں
fl-days = { $count } دن
fl-hours = { $count } گھنٹے
fl-items-count = { $count } اندراجات

## Inbox
fl-inbox-title = فائلیں اور ڈاک
fl-your-posts = آپ کی اسامیاں
fl-no-posts = آپ ای-فوس میں کسی اسامی پر نہیں ہیں، اس لیے آپ کو کچھ مارک نہیں ہوا۔ افسران کو اسامیوں پر آپ کے محکمے کا ای-فوس منتظم مقرر کرتا ہے۔
fl-inbox-empty = آپ کی اسامیوں کے پاس کچھ نہیں ہے۔
fl-diarise-letter = خط ڈائری کریں

## Dak
fl-diarise-title = خط ڈائری کریں
fl-change-office = دفتر تبدیل کریں
fl-diarised-at = ڈائری کا دفتر
fl-received-on = وصولی کی تاریخ
fl-sender = مرسل
fl-sender-hint = خط بھیجنے والا دفتر یا شخص، جیسا خط پر لکھا ہے۔
fl-letter-number = خط نمبر
fl-letter-date = خط کی تاریخ
fl-category = زمرہ
fl-category-hint = عدالتی مقدمات، اسمبلی سوالات اور وی آئی پی حوالے پہلے دکھائے جاتے ہیں۔
fl-reply-due = جواب کی آخری تاریخ
fl-marked-to = مارک کریں
fl-marked-to-hint = وہ اسامی جس کو خط جائے گا؛ اس پر تعینات افسر کا نام ساتھ لکھا ہے۔
fl-diarise-button = ڈائری کریں اور مارک کریں
fl-receipt = خط
fl-diary-number = ڈائری نمبر
fl-dated = مورخہ
fl-receipt-status-open = کھلا
fl-receipt-status-attached = فائل پر
fl-receipt-status-closed = بند
fl-acknowledged = وصولی کی تصدیق
fl-on-file = فائل پر
fl-open-the-file = فائل کھولیں
fl-scans = اسکین
fl-no-scans = کوئی اسکین منسلک نہیں۔
fl-scan = خط کا اسکین
fl-scan-hint = زیادہ سے زیادہ 5 ایم بی کی پی ڈی ایف، جے پیگ یا پی این جی فائل۔
fl-upload = اسکین منسلک کریں
fl-receipt-actions = اس خط کا کیا کریں
fl-acknowledge = وصولی کی تصدیق کریں
fl-mark-to = کسی اور اسامی کو مارک کریں
fl-mark-button = خط مارک کریں
fl-close-reason = بند کرنے کی وجہ
fl-close-receipt-hint = مثلاً: ریکارڈ کے لیے داخل، کسی کارروائی کی ضرورت نہیں۔
fl-close-receipt = خط بند کریں
fl-open-file-title = اس خط سے فائل کھولیں
fl-open-file-lead = خط نئی فائل پر اس کے پہلے کاغذ، فلیگ A، کے طور پر لگے گا۔
fl-choose-section = سیکشن منتخب کریں
fl-file-subject = فائل کا موضوع
fl-record-class = ریکارڈ کی درجہ بندی
fl-record-class-hint = بند ہونے کے بعد فائل کتنے عرصے تک رکھی جائے گی۔
fl-confidential-hint = خفیہ فائل صرف وہ افسران اور ان کے سینئر پڑھ سکتے ہیں جن کے پاس سے یہ گزری ہو۔
fl-open-file-button = فائل کھولیں

## File
fl-not-opened = ابھی کھولی نہیں گئی
fl-opened-on = کھلنے کی تاریخ
fl-closed-on = بند ہونے کی تاریخ
fl-review-on = نظرِ ثانی کی تاریخ
fl-parts = اس فائل کے دوسرے حصے (پارٹ فائلیں)
fl-linked-files = منسلک فائلیں
fl-moved-by = از طرف
fl-link-title = متعلقہ فائل منسلک کریں
fl-link-file = متعلقہ فائل کا نمبر
fl-link-file-hint = مثلاً SO(ADMIN)1-23/2026۔ پھر دونوں فائلوں پر یہ ربط نظر آئے گا۔
fl-link-button = فائل منسلک کریں
fl-part-title = پارٹ فائل کھولیں
fl-part-hint = پارٹ فائل اسی موضوع پر کام جاری رکھتی ہے جب یہ فائل کہیں اور ہو یا بہت ضخیم ہو جائے۔ یہ آپ کے پاس کھلے گی اور اس کا نمبر اسی فائل کے بعد ہوگا۔
fl-part-button = اگلا پارٹ کھولیں
fl-notes = نوٹ
fl-note-number = نوٹ { $seq }
fl-sealed = مہر شدہ
fl-draft-note = آپ کا مسودہ نوٹ
fl-draft-note-hint = فائل آگے بھیجنے پر یہ آپ کے دستخط کے ساتھ مہر بند ہو جائے گا؛ اس وقت تک آپ اسے بدل سکتے ہیں۔
fl-no-notes = ابھی کوئی نوٹ نہیں لکھا گیا۔
fl-write-note = نوٹ لکھیں
fl-edit-note = اپنا مسودہ نوٹ بدلیں
fl-note-text = نوٹ
fl-note-hint = پیراگراف کے درمیان ایک خالی سطر چھوڑیں۔ پیراگراف پوری فائل میں مسلسل نمبر پاتے ہیں۔ کسی کاغذ کی طرف اشارے کے لیے "فلیگ A" لکھیں۔
fl-save-note = نوٹ محفوظ کریں
fl-quick-notes = مختصر نوٹ
fl-quick-hint = مختصر نوٹ آپ کے مسودہ نوٹ کی جگہ لے لیتا ہے۔
fl-quick-seen = دیکھ لیا
fl-quick-approved = تجویز کے مطابق منظور
fl-quick-discuss = براہِ کرم بات کریں
fl-quick-put_up = احکامات کے لیے پیش
fl-quick-comments = تبصرہ درکار
fl-discard-note = مسودہ نوٹ حذف کریں
fl-correspondence = خط و کتابت
fl-flag = فلیگ { $flag }
fl-paper-receipt = موصولہ خط
fl-paper-letter = جاری شدہ خط
fl-no-papers = اس فائل پر ابھی کوئی کاغذ نہیں۔
fl-receipts = موصولہ خطوط
fl-issued-letters = جاری شدہ خطوط
fl-drafts = منظوری کے لیے مسودے
fl-no-drafts = کوئی مسودہ نہیں۔
fl-new-draft = نیا مسودہ
fl-movements = فائل کی نقل و حرکت
fl-no-movements = فائل ابھی کہیں نہیں گئی۔
fl-action = کارروائی
fl-action-put_up = سینئر کو پیش کریں
fl-action-return = جونیئر کو واپس کریں
fl-action-mark = تبصرے کے لیے مارک کریں
fl-action-pull_back = واپس منگوائیں
fl-action-call_for = فائل طلب کریں
fl-action-park = روک دیں
fl-action-unpark = دوبارہ شروع کریں
fl-stayed = کتنا عرصہ رہی
fl-still-there = ابھی وہیں ہے
fl-move-title = فائل آگے بھیجیں
fl-move-lead = فائل آپ کے پاس سے جاتے ہی آپ کا مسودہ نوٹ مہر بند اور دستخط شدہ ہو جاتا ہے۔
fl-to-post = کس اسامی کو
fl-to-post-hint = پیش کرنے، واپس کرنے یا مارک کرنے کے لیے؛ روکنے یا دوبارہ شروع کرنے کے لیے ضروری نہیں۔
fl-comments-due = تبصرے کی آخری تاریخ
fl-comments-due-hint = اختیاری، تبصرے کے لیے مارک کرتے وقت۔
fl-move-button = فائل بھیجیں
fl-close-file = فائل بند کریں
fl-close-remarks = بند کرتے وقت ریمارکس
fl-close-file-hint = اختیاری۔ بند فائل اپنی ریکارڈ درجہ بندی کی مدت تک رکھی جاتی ہے۔
fl-reopen-file = فائل دوبارہ کھولیں
fl-reopen-reason = دوبارہ کھولنے کی وجہ
fl-take-back = فائل واپس لیں
fl-pull-back-hint = یہ فائل آپ نے بھیجی تھی اور ابھی کھولی نہیں گئی: آپ اسے واپس منگوا سکتے ہیں۔
fl-call-for-hint = فائل آپ کے دفتر کی ایک جونیئر اسامی کے پاس ہے: آپ اسے طلب کر سکتے ہیں۔

## Drafts and letters
fl-draft = مسودہ
fl-draft-status-draft = مسودہ
fl-draft-status-approved = منظور شدہ
fl-draft-status-issued = جاری شدہ
fl-version = نسخہ { $version }
fl-addressee = مکتوب الیہ
fl-addressee-hint = عہدہ اور پتا، ہر ایک الگ سطر میں۔
fl-language = خط کی زبان
fl-language-en = انگریزی
fl-language-ur = اردو
fl-approved-at = منظوری کا وقت
fl-dispatch-number = ڈسپیچ نمبر
fl-issued-at = اجرا کا وقت
fl-print-letter = خط پرنٹ کریں
fl-preview-letter = خط کا پیش منظر
fl-approve = مسودہ منظور کریں
fl-issue = ڈسپیچ نمبر کے ساتھ جاری کریں
fl-changes = نسخہ { $version } میں تبدیلیاں
fl-first-version = پہلا نسخہ
fl-changes-hint = شامل کی گئی سطروں پر "شامل" اور نکالی گئی سطروں پر "حذف" لکھا ہے اور ان پر لکیر کھنچی ہے۔
fl-diff-added = شامل:
fl-diff-removed = حذف:
fl-diff-same = بغیر تبدیلی:
fl-versions = نسخے
fl-version-head = نسخہ
fl-length = طوالت
fl-characters = { $count } حروف
fl-revise-draft = مسودے پر نظرِ ثانی کریں
fl-draft-letter = خط کا مسودہ لکھیں
fl-body = خط کا متن
fl-body-hint = پیراگراف کے درمیان ایک خالی سطر چھوڑیں۔
fl-save-version = نئے نسخے کے طور پر محفوظ کریں
fl-create-draft = مسودہ محفوظ کریں
fl-draft-holder-only = اس فائل میں خطوط کے مسودے صرف فائل رکھنے والا ({ $post }) لکھتا اور بدلتا ہے۔
fl-back-to-draft = مسودے پر واپس
fl-letter-no = نمبر
fl-letter-dated = مورخہ
fl-letter-to = بخدمت
fl-letter-subject = عنوان:
fl-letter-not-issued = مسودہ — جاری نہیں ہوا

## Pendency
fl-pendency-title = زیرِ التوا کام
fl-as-of = بمطابق
fl-pending-files = زیرِ التوا فائلیں
fl-pending-receipts = زیرِ التوا خطوط
fl-overdue-items = تاخیر شدہ
fl-by-post = اسامی وار
fl-by-section = سیکشن وار
fl-files = فائلیں
fl-parked = روکی ہوئی
fl-over-7 = 7 دن سے زائد
fl-over-30 = 30 دن سے زائد
fl-oldest = سب سے پرانی
fl-with-section = اپنے سیکشن افسر کے پاس
fl-pending-items = سب سے فوری اندراجات
fl-truncated = صرف سب سے فوری درج ہیں
fl-nothing-pending = کچھ زیرِ التوا نہیں۔

## Search
fl-search-title = فائلیں تلاش کریں
fl-search-words = تلاش کے الفاظ
fl-search-in = کہاں تلاش کریں
fl-search-everything = ہر جگہ
fl-search-kind-subject = فائلوں کے موضوعات
fl-search-kind-note = نوٹ
fl-search-kind-receipt = موصولہ خطوط
fl-search-kind-draft = مسودے
fl-search-button = تلاش کریں
fl-search-hint = ہر لفظ کا موجود ہونا ضروری ہے۔ انگریزی اور اردو دونوں میں تلاش ہوتی ہے؛ آپ کو صرف وہ فائلیں نظر آتی ہیں جو آپ پڑھ سکتے ہیں۔
fl-results-count = { $count } نتائج
fl-no-results = ان الفاظ سے کچھ نہیں ملا۔

## Registers
fl-dispatch-title = ڈسپیچ رجسٹر
fl-register-title = فائل رجسٹر
fl-serial = سلسلہ نمبر
fl-letters-count = { $count } خطوط
fl-files-count = { $count } فائلیں
fl-no-letters = اس سال کوئی خط جاری نہیں ہوا۔
fl-no-files = اس سال کوئی فائل نہیں کھلی۔
