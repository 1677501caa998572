<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name>AccountMenu</name>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>مسجّل الدخول باسم %1 (%2)</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>غير مسجّل الدخول</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>ال&amp;حساب</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>&amp;تسجيل الدخول…</translation>
    </message>
    <message>
        <source>&amp;Create account…</source>
        <translation>&amp;إنشاء حساب…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>تسجيل ال&amp;خروج</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Retry</source>
        <translation>إعادة المحاولة</translation>
    </message>
</context>
<context>
    <name>CatalogView</name>
    <message>
        <source>Search illustrations</source>
        <translation>ابحث في الرسومات التوضيحية</translation>
    </message>
    <message>
        <source>Search by title or tag (Ctrl+F)</source>
        <translation>ابحث بالعنوان أو الوسم (Ctrl+F)</translation>
    </message>
    <message>
        <source>Show one category only</source>
        <translation>عرض فئة واحدة فقط</translation>
    </message>
    <message>
        <source>Show one style only</source>
        <translation>عرض نمط واحد فقط</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>مسح البحث</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>الكتالوج</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>كل الفئات</translation>
    </message>
    <message>
        <source>All styles</source>
        <translation>كل الأنماط</translation>
    </message>
    <message>
        <source>You're offline. Showing the catalog as of %1, %2.</source>
        <translation>أنت غير متصل. يُعرض الكتالوج كما كان في %1، %2.</translation>
    </message>
    <message>
        <source>This search isn't available offline. Try again when you're back online, or clear the search.</source>
        <translation>هذا البحث غير متاح وأنت غير متصل. أعد المحاولة عندما تعود متصلًا، أو امسح البحث.</translation>
    </message>
    <message>
        <source>The catalog has no illustrations yet.</source>
        <translation>لا يحتوي الكتالوج على رسومات توضيحية بعد.</translation>
    </message>
    <message>
        <source>No illustrations match your search.</source>
        <translation>لا توجد رسومات توضيحية تطابق بحثك.</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <source>Select an illustration to see its details.</source>
        <translation>اختر رسمًا توضيحيًا لعرض تفاصيله.</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>الوسوم:</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>الفئة:</translation>
    </message>
    <message>
        <source>Style:</source>
        <translation>النمط:</translation>
    </message>
    <message>
        <source>Dimensions:</source>
        <translation>الأبعاد:</translation>
    </message>
    <message>
        <source>File size:</source>
        <translation>حجم الملف:</translation>
    </message>
    <message>
        <source>Licence:</source>
        <translation>الترخيص:</translation>
    </message>
    <message>
        <source>%1 × %2 px</source>
        <translation>%1 × %2 بكسل</translation>
    </message>
</context>
<context>
    <name>DownloadButtons</name>
    <message>
        <source>Download SVG</source>
        <translation>تحميل SVG</translation>
    </message>
    <message>
        <source>Add this illustration to your library as SVG (Ctrl+D)</source>
        <translation>أضف هذا الرسم التوضيحي إلى مكتبتك بصيغة SVG ‏(Ctrl+D)</translation>
    </message>
    <message>
        <source>Download PNG (%1 px)</source>
        <translation>تحميل PNG ‏(%1 بكسل)</translation>
    </message>
    <message>
        <source>Render a PNG at this size into your library</source>
        <translation>أنشئ صورة PNG بهذا الحجم في مكتبتك</translation>
    </message>
    <message>
        <source>%1 × %1 px</source>
        <translation>%1 × %1 بكسل</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The built-in demo server could not start. The log file has the details.</source>
        <translation>تعذّر تشغيل الخادم التجريبي المدمج. تجد التفاصيل في ملف السجل.</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>حدث خطأ ما.</translation>
    </message>
    <message>
        <source>The server address %1 is not secure. Use an https:// address (plain http:// is only allowed for this computer).</source>
        <translation>عنوان الخادم %1 غير آمن. استخدم عنوانًا يبدأ بـ https://‏ (لا يُسمح بـ http://‏ إلا لهذا الحاسوب).</translation>
    </message>
    <message>
        <source>Can't reach the weShape server. Check your internet connection, then try again.</source>
        <translation>تعذّر الوصول إلى خادم weShape. تحقّق من اتصالك بالإنترنت ثم أعد المحاولة.</translation>
    </message>
    <message>
        <source>The weShape server took too long to answer. Try again in a moment.</source>
        <translation>استغرق خادم weShape وقتًا طويلًا في الرد. أعد المحاولة بعد قليل.</translation>
    </message>
    <message>
        <source>The weShape server had a problem (%1). Try again in a moment.</source>
        <translation>واجه خادم weShape مشكلة (%1). أعد المحاولة بعد قليل.</translation>
    </message>
    <message>
        <source>The weShape server sent an answer this app doesn't understand. Try again later, or check the server address in the settings.</source>
        <translation>أرسل خادم weShape ردًا لا يفهمه هذا التطبيق. أعد المحاولة لاحقًا، أو تحقّق من عنوان الخادم في الإعدادات.</translation>
    </message>
    <message>
        <source>This illustration is no longer in the catalog.</source>
        <translation>لم يعد هذا الرسم التوضيحي موجودًا في الكتالوج.</translation>
    </message>
    <message>
        <source>Too many requests. Wait %1 seconds, then try again.</source>
        <translation>طلبات كثيرة جدًا. انتظر %1 ثانية ثم أعد المحاولة.</translation>
    </message>
    <message>
        <source>The server refused the request: %1</source>
        <translation>رفض الخادم الطلب: %1</translation>
    </message>
    <message>
        <source>Please sign in to continue. Your session may have ended.</source>
        <translation>يُرجى تسجيل الدخول للمتابعة. ربما انتهت جلستك.</translation>
    </message>
    <message>
        <source>The downloaded file for “%1” was damaged (checksum mismatch). Try again.</source>
        <translation>الملف الذي نُزِّل لـ «%1» تالف (المجموع الاختباري غير مطابق). حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>The download of “%1” stopped before the end. Check your connection, then try again.</source>
        <translation>توقّف تنزيل «%1» قبل اكتماله. تحقّق من اتصالك، ثم حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>“%1” was not saved because the file could be harmful: %2</source>
        <translation>لم يُحفَظ «%1» لأن الملف قد يكون ضارًا: %2</translation>
    </message>
    <message>
        <source>“%1” could not be turned into a PNG image: %2 Try the SVG format instead.</source>
        <translation>تعذّر تحويل «%1» إلى صورة PNG:‏ %2 جرّب صيغة SVG بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>The disk is full. Free some space, then try again.</source>
        <translation>القرص ممتلئ. حرّر بعض المساحة، ثم حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>weShape Desktop can't write to the library folder %1. Choose another folder in the settings or check its permissions.</source>
        <translation>لا يستطيع weShape Desktop الكتابة في مجلد المكتبة %1. اختر مجلدًا آخر من الإعدادات أو تحقّق من أذوناته.</translation>
    </message>
    <message>
        <source>The library folder %1 doesn't exist. Reconnect the drive it is on, or choose another folder in the settings.</source>
        <translation>مجلد المكتبة %1 غير موجود. أعد توصيل القرص الذي يحويه، أو اختر مجلدًا آخر من الإعدادات.</translation>
    </message>
    <message>
        <source>weShape Desktop couldn't save a file in the library folder %1: %2</source>
        <translation>تعذّر على weShape Desktop حفظ ملف في مجلد المكتبة %1:‏ %2</translation>
    </message>
    <message>
        <source>No keyring is available to keep you signed in. Install and unlock GNOME Keyring or KWallet, or sign in for this session only.</source>
        <translation>لا تتوفر سلسلة مفاتيح (مخزن بيانات الاعتماد في نظامك) لإبقائك مسجّل الدخول. ثبّت GNOME Keyring أو KWallet وافتح قفلها، أو سجّل الدخول لهذه الجلسة فقط.</translation>
    </message>
    <message>
        <source>The email or password is not right.</source>
        <translation>البريد الإلكتروني أو كلمة المرور غير صحيحة.</translation>
    </message>
    <message>
        <source>An account with this email already exists. Sign in instead, or use another email.</source>
        <translation>يوجد حساب بهذا البريد الإلكتروني بالفعل. سجّل الدخول بدلًا من ذلك، أو استخدم بريدًا إلكترونيًا آخر.</translation>
    </message>
    <message>
        <source>This email address doesn't look right. Check it, then try again.</source>
        <translation>يبدو أن عنوان البريد الإلكتروني هذا غير صحيح. تحقّق منه ثم أعد المحاولة.</translation>
    </message>
    <message>
        <source>This password is too easy to guess. Choose a longer one, such as a few unrelated words.</source>
        <translation>كلمة المرور هذه سهلة التخمين. اختر كلمة مرور أطول، مثل بضع كلمات لا رابط بينها.</translation>
    </message>
    <message>
        <source>Enter your name as you'd like it shown.</source>
        <translation>أدخل اسمك كما تحب أن يظهر.</translation>
    </message>
    <message>
        <source>Please read the privacy policy and tick “I have read the privacy policy” to create an account.</source>
        <translation>يُرجى قراءة سياسة الخصوصية وتحديد «لقد قرأت سياسة الخصوصية» لإنشاء حساب.</translation>
    </message>
    <message>
        <source>The browser sign-in took too long, so it was stopped. Try again, or sign in with your email and password.</source>
        <translation>استغرق تسجيل الدخول عبر المتصفح وقتًا طويلًا فأُوقف. أعد المحاولة، أو سجّل الدخول ببريدك الإلكتروني وكلمة المرور.</translation>
    </message>
    <message>
        <source>The browser sign-in was cancelled.</source>
        <translation>أُلغي تسجيل الدخول عبر المتصفح.</translation>
    </message>
    <message>
        <source>The browser sign-in didn't complete. Try again from the sign-in window.</source>
        <translation>لم يكتمل تسجيل الدخول عبر المتصفح. أعد المحاولة من نافذة تسجيل الدخول.</translation>
    </message>
    <message>
        <source>The browser sent back a sign-in this app didn't start, so it was ignored for your safety. Try again from the sign-in window.</source>
        <translation>أعاد المتصفح تسجيل دخول لم يبدأه هذا التطبيق، فتم تجاهله حفاظًا على أمانك. أعد المحاولة من نافذة تسجيل الدخول.</translation>
    </message>
    <message>
        <source>Couldn't open your web browser. Sign in with your email and password instead.</source>
        <translation>تعذّر فتح متصفح الويب. سجّل الدخول ببريدك الإلكتروني وكلمة المرور بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>Something went wrong. The details were written to the log file.</source>
        <translation>حدث خطأ ما. كُتبت التفاصيل في ملف السجل.</translation>
    </message>
    <message>
        <source>This library was made by a newer version of weShape Desktop. Update the app to open it.</source>
        <translation>أُنشئت هذه المكتبة بإصدار أحدث من weShape Desktop. حدّث التطبيق لتفتحها.</translation>
    </message>
    <message>
        <source>weShape Desktop can't open its library database in %1: %2 Check that the folder exists and that you can write to it.</source>
        <translation>يتعذّر على weShape Desktop فتح قاعدة بيانات المكتبة في %1: %2 تحقّق من وجود المجلد ومن أن لديك إذن الكتابة فيه.</translation>
    </message>
    <message>
        <source>This collection no longer exists. It may have been deleted on another computer.</source>
        <translation>لم تعد هذه المجموعة موجودة. ربما حُذفت على حاسوب آخر.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>No weShape server is set. Start the app with --demo or --server URL.</source>
        <translation>لم يُحدَّد خادم weShape. شغّل التطبيق مع ‎--demo أو ‎--server URL.</translation>
    </message>
    <message>
        <source>Starting the demo server…</source>
        <translation>جارٍ تشغيل الخادم التجريبي…</translation>
    </message>
    <message>
        <source>weShape Desktop</source>
        <translation>weShape لسطح المكتب</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>الكتالوج</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <source>&amp;Search the catalog</source>
        <translation>&amp;البحث في الكتالوج</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;اللغة</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;مساعدة</translation>
    </message>
    <message>
        <source>&amp;Privacy policy</source>
        <translation>&amp;سياسة الخصوصية</translation>
    </message>
    <message>
        <source>&amp;About weShape Desktop</source>
        <translation>&amp;حول weShape لسطح المكتب</translation>
    </message>
    <message numerus="yes">
        <source>%Ln illustration(s)</source>
        <translation>
            <numerusform>لا رسومات توضيحية</numerusform>
            <numerusform>رسم توضيحي واحد</numerusform>
            <numerusform>رسمان توضيحيان</numerusform>
            <numerusform>%Ln رسومات توضيحية</numerusform>
            <numerusform>%Ln رسمًا توضيحيًا</numerusform>
            <numerusform>%Ln رسم توضيحي</numerusform>
        </translation>
    </message>
    <message>
        <source>About weShape Desktop</source>
        <translation>حول weShape لسطح المكتب</translation>
    </message>
    <message>
        <source>weShape Desktop %1
Browse, download and organise weShape illustrations.</source>
        <translation>weShape لسطح المكتب %1
تصفّح رسومات weShape التوضيحية وحمّلها ونظّمها.</translation>
    </message>
</context>
<context>
    <name>PolicyDialog</name>
    <message>
        <source>Privacy policy</source>
        <translation>سياسة الخصوصية</translation>
    </message>
    <message>
        <source>Version %1, published %2</source>
        <translation>الإصدار %1، نُشرت في %2</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Create account</source>
        <translation>إنشاء حساب</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>تسجيل الدخول</translation>
    </message>
    <message>
        <source>Sign in to download illustrations and keep your library on every computer.</source>
        <translation>سجّل الدخول لتحميل الرسومات التوضيحية والاحتفاظ بمكتبتك على كل حاسوب.</translation>
    </message>
    <message>
        <source>Stay signed in for this session only</source>
        <translation>البقاء مسجّل الدخول لهذه الجلسة فقط</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>البريد الإلكتروني:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>كلمة المرور:</translation>
    </message>
    <message>
        <source>Sign in with browser</source>
        <translation>تسجيل الدخول عبر المتصفح</translation>
    </message>
    <message>
        <source>No account yet? Create one</source>
        <translation>ليس لديك حساب بعد؟ أنشئ حسابًا</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <source>At least 10 characters</source>
        <translation>10 أحرف على الأقل</translation>
    </message>
    <message>
        <source>weShape keeps your name and email to run your account. &lt;a href="policy"&gt;Read the privacy policy&lt;/a&gt;.</source>
        <translation>تحتفظ weShape باسمك وبريدك الإلكتروني لتشغيل حسابك. &lt;a href="policy"&gt;اقرأ سياسة الخصوصية&lt;/a&gt;.</translation>
    </message>
    <message>
        <source>I have read the privacy policy</source>
        <translation>لقد قرأت سياسة الخصوصية</translation>
    </message>
    <message>
        <source>Already have an account? Sign in</source>
        <translation>لديك حساب بالفعل؟ سجّل الدخول</translation>
    </message>
</context>
</TS>
