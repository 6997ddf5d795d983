nav-geo = جغرافیہ
nav-geo-hint = ڈویژن، اضلاع اور تحصیلیں، کسی بھی تاریخ کے مطابق۔
nav-offices = دفاتر
nav-offices-hint = محکمے، منسلک محکمے اور فیلڈ دفاتر، منظور شدہ اسامیوں سمیت۔
nav-holidays = تعطیلات
nav-holidays-hint = سال کی عام تعطیلات۔
role-mdm-editor = حوالہ جاتی ڈیٹا مدیر
