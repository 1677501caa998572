<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name>AccentPicker</name>
    <message>
        <source>Choose a new accent colour</source>
        <translation>اختر لونًا مميّزًا جديدًا</translation>
    </message>
    <message>
        <source>Reset colour</source>
        <translation>استعادة اللون</translation>
    </message>
    <message>
        <source>Go back to the illustration&apos;s own colour</source>
        <translation>العودة إلى اللون الأصلي للرسم التوضيحي</translation>
    </message>
</context>
<context>
    <name>AccountButton</name>
    <message>
        <source>Sign in</source>
        <translation>تسجيل الدخول</translation>
    </message>
</context>
<context>
    <name>AccountData</name>
    <message>
        <source>Export my data</source>
        <translation>تصدير بياناتي</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>ملفات JSON (*.json)</translation>
    </message>
    <message>
        <source>Your data was saved to %1.</source>
        <translation>حُفظت بياناتك في %1.</translation>
    </message>
    <message>
        <source>Account deleted</source>
        <translation>حُذف الحساب</translation>
    </message>
    <message>
        <source>Your weShape account and its data were deleted from the server, and you are signed out. The library on this computer stays, and is no longer synced.</source>
        <translation>حُذف حسابك في weShape وبياناته من الخادم، وسُجّل خروجك. تبقى المكتبة على هذا الحاسوب، ولم تعد تُزامَن.</translation>
    </message>
</context>
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
        <source>Sign out</source>
        <translation>تسجيل الخروج</translation>
    </message>
    <message>
        <source>Sign out of weShape on this computer?</source>
        <translation>هل تريد تسجيل الخروج من weShape على هذا الحاسوب؟</translation>
    </message>
    <message>
        <source>Your library stays on this computer. Syncing stops until you sign in again.</source>
        <translation>تبقى مكتبتك على هذا الحاسوب. تتوقف المزامنة حتى تسجّل الدخول مجددًا.</translation>
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
        <source>S&amp;ync now</source>
        <translation>م&amp;زامنة الآن</translation>
    </message>
    <message>
        <source>&amp;Export my data…</source>
        <translation>&amp;تصدير بياناتي…</translation>
    </message>
    <message>
        <source>&amp;Delete my account…</source>
        <translation>&amp;حذف حسابي…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>تسجيل ال&amp;خروج</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <source>Account &amp; sync</source>
        <translation>الحساب والمزامنة</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>الحساب:</translation>
    </message>
    <message>
        <source>Not signed in. Sign in from the Account menu.</source>
        <translation>لم تسجّل الدخول. سجّل الدخول من قائمة الحساب.</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>مسجّل الدخول باسم %1 (%2)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>تسجيل ال&amp;خروج</translation>
    </message>
    <message>
        <source>&amp;Sync my library, favourites and collections</source>
        <translation>م&amp;زامنة مكتبتي والمفضلة والمجموعات</translation>
    </message>
    <message>
        <source>Last sync:</source>
        <translation>آخر مزامنة:</translation>
    </message>
    <message>
        <source>Your data:</source>
        <translation>بياناتك:</translation>
    </message>
    <message>
        <source>&amp;Export my data…</source>
        <translation>&amp;تصدير بياناتي…</translation>
    </message>
    <message>
        <source>&amp;Delete my account…</source>
        <translation>&amp;حذف حسابي…</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>لم تتم بعد</translation>
    </message>
</context>
<context>
    <name>AdvancedPage</name>
    <message>
        <source>Saved.</source>
        <translation>حُفظ.</translation>
    </message>
    <message>
        <source>Write the server&apos;s address first.</source>
        <translation>اكتب عنوان الخادم أولًا.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>جارٍ الاختبار…</translation>
    </message>
    <message>
        <source>The server answers.</source>
        <translation>الخادم يستجيب.</translation>
    </message>
    <message>
        <source>The server answers, but says it is not well.</source>
        <translation>الخادم يستجيب، لكنه يفيد بأنه لا يعمل كما ينبغي.</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>متقدم</translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation>عنوان ال&amp;خادم:</translation>
    </message>
    <message>
        <source>&amp;Use this server</source>
        <translation>&amp;استخدام هذا الخادم</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>ا&amp;ختبار الاتصال</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>نتيجة اختبار الاتصال</translation>
    </message>
</context>
<context>
    <name>Analytics</name>
    <message>
        <source>Off because DO_NOT_TRACK is set on this computer.</source>
        <translation>متوقفة لأن DO_NOT_TRACK مضبوط على هذا الحاسوب.</translation>
    </message>
    <message>
        <source>Off because of your organisation&apos;s settings.</source>
        <translation>متوقفة بسبب إعدادات مؤسستك.</translation>
    </message>
    <message>
        <source>a random number made on this computer, replaced when analytics is turned off</source>
        <translation>رقم عشوائي أُنشئ على هذا الحاسوب، ويُستبدل عند إيقاف تحليلات الاستخدام</translation>
    </message>
    <message>
        <source>what happened, by name</source>
        <translation>ما حدث، باسمه</translation>
    </message>
    <message>
        <source>this app&apos;s version</source>
        <translation>إصدار هذا التطبيق</translation>
    </message>
    <message>
        <source>the app&apos;s language</source>
        <translation>لغة التطبيق</translation>
    </message>
    <message>
        <source>the operating system&apos;s family</source>
        <translation>نوع نظام التشغيل</translation>
    </message>
    <message>
        <source>how many results, as a range</source>
        <translation>عدد النتائج، كنطاق تقريبي</translation>
    </message>
    <message>
        <source>the file format</source>
        <translation>صيغة الملف</translation>
    </message>
    <message>
        <source>how you signed in</source>
        <translation>طريقة تسجيل الدخول</translation>
    </message>
    <message>
        <source>how many changes this computer sent, as a range</source>
        <translation>عدد التغييرات التي أرسلها هذا الحاسوب، كنطاق تقريبي</translation>
    </message>
    <message>
        <source>how many changes this computer received, as a range</source>
        <translation>عدد التغييرات التي استقبلها هذا الحاسوب، كنطاق تقريبي</translation>
    </message>
    <message>
        <source>Unavailable: this copy of weShape Desktop has no statistics service set.</source>
        <translation>غير متاحة: لم تُضبط خدمة لتحليلات الاستخدام في هذه النسخة من weShape لسطح المكتب.</translation>
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
    <name>CatalogModel</name>
    <message>
        <source>In your library: %1</source>
        <translation>في مكتبتك: %1</translation>
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
        <source>Sort order</source>
        <translation>ترتيب العرض</translation>
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
        <source>Relevance</source>
        <translation>الأكثر صلة</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>الأحدث أولًا</translation>
    </message>
    <message>
        <source>Title A–Z</source>
        <translation>العنوان أ–ي</translation>
    </message>
    <message>
        <source>You&apos;re offline. Showing the catalog as of %1, %2.</source>
        <translation>أنت غير متصل. يُعرض الكتالوج كما كان في %1، %2.</translation>
    </message>
    <message>
        <source>The server is slow to answer. Showing the catalog as of %1, %2 until it does.</source>
        <translation>الخادم بطيء في الرد. يُعرض الكتالوج كما كان في %1، %2 إلى أن يرد.</translation>
    </message>
    <message>
        <source>This search isn&apos;t available offline. Try again when you&apos;re back online, or clear the search.</source>
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
    <name>ConsentDialog</name>
    <message>
        <source>Usage statistics</source>
        <translation>تحليلات الاستخدام</translation>
    </message>
    <message>
        <source>Share anonymous usage statistics with weShape?</source>
        <translation>هل تشارك تحليلات استخدام مجهولة الهوية مع ⁨weShape⁩؟</translation>
    </message>
    <message>
        <source>They would tell us which features are used (through Google Analytics), so we know what to improve. They never include your name, email, searches, titles or files, and nothing is sent unless you say yes. You can change your answer at any time in Edit → Preferences → Privacy.</source>
        <translation>تخبرنا بالميزات المستخدمة (عبر ⁨Google Analytics⁩) لنعرف ما الذي نحسّنه. لا تتضمن أبدًا اسمك أو بريدك الإلكتروني أو عمليات بحثك أو العناوين أو الملفات، ولا يُرسل شيء ما لم توافق. يمكنك تغيير إجابتك في أي وقت من تحرير ← الإعدادات ← الخصوصية.</translation>
    </message>
    <message>
        <source>Read the privacy policy</source>
        <translation>قراءة سياسة الخصوصية</translation>
    </message>
    <message>
        <source>Yes, share</source>
        <translation>نعم، شارك</translation>
    </message>
    <message>
        <source>No, don&apos;t share</source>
        <translation>لا، لا تشارك</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>خطأ غير متوقع</translation>
    </message>
    <message>
        <source>weShape Desktop ran into an unexpected error.</source>
        <translation>واجه تطبيق weShape لسطح المكتب خطأً غير متوقع.</translation>
    </message>
    <message>
        <source>A report was saved with the technical details and none of your personal data. If something no longer works, restart the app.</source>
        <translation>حُفظ تقرير فيه التفاصيل التقنية دون أي من بياناتك الشخصية. إن توقف شيء عن العمل، فأعد تشغيل التطبيق.</translation>
    </message>
    <message>
        <source>Open report</source>
        <translation>فتح التقرير</translation>
    </message>
</context>
<context>
    <name>DeleteAccountDialog</name>
    <message>
        <source>Delete my account</source>
        <translation>حذف حسابي</translation>
    </message>
    <message>
        <source>This deletes your weShape account and everything it holds on the server: your synced library, favourites, tags, notes and collections. You are signed out on every computer. The library on this computer stays. This can&apos;t be undone.</source>
        <translation>سيُحذف حسابك في weShape وكل ما يحتفظ به على الخادم: مكتبتك المُزامَنة والمفضلة والوسوم والملاحظات والمجموعات. سيُسجَّل خروجك على كل حاسوب. تبقى المكتبة على هذا الحاسوب. لا يمكن التراجع عن ذلك.</translation>
    </message>
    <message>
        <source>DELETE</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>Type %1 to confirm</source>
        <translation>اكتب «%1» للتأكيد</translation>
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
    <message numerus="yes">
        <source>Download %Ln illustration(s) as SVG</source>
        <translation>
            <numerusform>لا رسومات توضيحية لتحميلها بصيغة SVG</numerusform>
            <numerusform>تحميل رسم توضيحي واحد بصيغة SVG</numerusform>
            <numerusform>تحميل رسمين توضيحيين بصيغة SVG</numerusform>
            <numerusform>تحميل %Ln رسومات توضيحية بصيغة SVG</numerusform>
            <numerusform>تحميل %Ln رسمًا توضيحيًا بصيغة SVG</numerusform>
            <numerusform>تحميل %Ln رسم توضيحي بصيغة SVG</numerusform>
        </translation>
    </message>
    <message>
        <source>Add them to your library as SVG files</source>
        <translation>أضفها إلى مكتبتك ملفاتِ SVG</translation>
    </message>
    <message>
        <source>Show in library</source>
        <translation>إظهار في المكتبة</translation>
    </message>
    <message>
        <source>This illustration is in your library as %1. Open it there.</source>
        <translation>هذا الرسم في مكتبتك بصيغة %1. افتحه هناك.</translation>
    </message>
    <message>
        <source>Download SVG</source>
        <translation>تحميل SVG</translation>
    </message>
    <message>
        <source>Add this illustration to your library as SVG (Ctrl+D)</source>
        <translation>أضف هذا الرسم التوضيحي إلى مكتبتك بصيغة SVG ‏(Ctrl+D)</translation>
    </message>
    <message>
        <source>Download SVG again</source>
        <translation>تحميل SVG مرة أخرى</translation>
    </message>
    <message numerus="yes">
        <source>Download %Ln illustration(s) as PNG (%1 px)</source>
        <translation>
            <numerusform>لا رسومات توضيحية لتحميلها بصيغة PNG ‏(%1 بكسل)</numerusform>
            <numerusform>تحميل رسم توضيحي واحد بصيغة PNG ‏(%1 بكسل)</numerusform>
            <numerusform>تحميل رسمين توضيحيين بصيغة PNG ‏(%1 بكسل)</numerusform>
            <numerusform>تحميل %Ln رسومات توضيحية بصيغة PNG ‏(%1 بكسل)</numerusform>
            <numerusform>تحميل %Ln رسمًا توضيحيًا بصيغة PNG ‏(%1 بكسل)</numerusform>
            <numerusform>تحميل %Ln رسم توضيحي بصيغة PNG ‏(%1 بكسل)</numerusform>
        </translation>
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
    <name>DownloadNotice</name>
    <message>
        <source>“%1” was added to your library.</source>
        <translation>أُضيف «%1» إلى مكتبتك.</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>إظهار</translation>
    </message>
</context>
<context>
    <name>DownloadsDock</name>
    <message>
        <source>Cancel all downloads?</source>
        <translation>هل تريد إلغاء جميع التحميلات؟</translation>
    </message>
    <message>
        <source>Unfinished files are deleted. Illustrations already downloaded stay in your library.</source>
        <translation>ستُحذف الملفات غير المكتملة، وتبقى الرسومات التوضيحية التي اكتمل تحميلها في مكتبتك.</translation>
    </message>
    <message>
        <source>Cancel downloads</source>
        <translation>إلغاء التحميلات</translation>
    </message>
    <message>
        <source>Keep downloading</source>
        <translation>متابعة التحميل</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>إيقاف مؤقت</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>استئناف</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln downloading — %2</source>
        <translation>
            <numerusform>جارٍ تحميل %1 من %Ln — %2</numerusform>
            <numerusform>جارٍ تحميل %1 من %Ln — %2</numerusform>
            <numerusform>جارٍ تحميل %1 من %Ln — %2</numerusform>
            <numerusform>جارٍ تحميل %1 من %Ln — %2</numerusform>
            <numerusform>جارٍ تحميل %1 من %Ln — %2</numerusform>
            <numerusform>جارٍ تحميل %1 من %Ln — %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Waiting for the network to continue %Ln download(s)…</source>
        <translation>
            <numerusform>بانتظار الاتصال بالشبكة لمتابعة التحميل…</numerusform>
            <numerusform>بانتظار الاتصال بالشبكة لمتابعة تحميل واحد…</numerusform>
            <numerusform>بانتظار الاتصال بالشبكة لمتابعة تحميلين…</numerusform>
            <numerusform>بانتظار الاتصال بالشبكة لمتابعة %Ln تحميلات…</numerusform>
            <numerusform>بانتظار الاتصال بالشبكة لمتابعة %Ln تحميلًا…</numerusform>
            <numerusform>بانتظار الاتصال بالشبكة لمتابعة %Ln تحميل…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln download(s) queued</source>
        <translation>
            <numerusform>لا تحميلات في قائمة الانتظار</numerusform>
            <numerusform>تحميل واحد في قائمة الانتظار</numerusform>
            <numerusform>تحميلان في قائمة الانتظار</numerusform>
            <numerusform>%Ln تحميلات في قائمة الانتظار</numerusform>
            <numerusform>%Ln تحميلًا في قائمة الانتظار</numerusform>
            <numerusform>%Ln تحميل في قائمة الانتظار</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln download(s) paused</source>
        <translation>
            <numerusform>لا تحميلات متوقفة مؤقتًا</numerusform>
            <numerusform>تحميل واحد متوقف مؤقتًا</numerusform>
            <numerusform>تحميلان متوقفان مؤقتًا</numerusform>
            <numerusform>%Ln تحميلات متوقفة مؤقتًا</numerusform>
            <numerusform>%Ln تحميلًا متوقفًا مؤقتًا</numerusform>
            <numerusform>%Ln تحميل متوقف مؤقتًا</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln download(s) failed</source>
        <translation>
            <numerusform>لم يفشل أي تحميل</numerusform>
            <numerusform>فشل تحميل واحد</numerusform>
            <numerusform>فشل تحميلان</numerusform>
            <numerusform>فشلت %Ln تحميلات</numerusform>
            <numerusform>فشل %Ln تحميلًا</numerusform>
            <numerusform>فشل %Ln تحميل</numerusform>
        </translation>
    </message>
    <message>
        <source>All downloads finished</source>
        <translation>اكتملت جميع التحميلات</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>التحميلات</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>إعادة المحاولة</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>إظهار في المجلد</translation>
    </message>
    <message>
        <source>Show in library</source>
        <translation>إظهار في المكتبة</translation>
    </message>
    <message>
        <source>Pause all</source>
        <translation>إيقاف الكل مؤقتًا</translation>
    </message>
    <message>
        <source>Resume all</source>
        <translation>استئناف الكل</translation>
    </message>
    <message>
        <source>Cancel all…</source>
        <translation>إلغاء الكل…</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>مسح المكتملة</translation>
    </message>
    <message>
        <source>Remove finished and cancelled downloads from this list</source>
        <translation>إزالة التحميلات المكتملة والملغاة من هذه القائمة</translation>
    </message>
    <message>
        <source>Nothing is downloading. Illustrations you download appear here.</source>
        <translation>لا يوجد تحميل جارٍ. تظهر هنا الرسومات التوضيحية التي تحمّلها.</translation>
    </message>
</context>
<context>
    <name>DownloadsModel</name>
    <message>
        <source>Illustration</source>
        <translation>الرسم التوضيحي</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>الصيغة</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>التقدّم</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>الحجم</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>السرعة</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>في قائمة الانتظار</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>جارٍ التحميل</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>متوقف مؤقتًا</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>اكتمل</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>أُلغي</translation>
    </message>
    <message>
        <source>PNG %1 px</source>
        <translation>PNG ‏%1 بكسل</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/ث</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 من %2</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>فشل التحميل: %1</translation>
    </message>
    <message>
        <source>Waiting for the network</source>
        <translation>بانتظار الاتصال بالشبكة</translation>
    </message>
</context>
<context>
    <name>DownloadsPage</name>
    <message>
        <source>Downloads</source>
        <translation>التحميلات</translation>
    </message>
    <message>
        <source>&amp;Parallel downloads:</source>
        <translation>التحميلات المت&amp;زامنة:</translation>
    </message>
    <message>
        <source>A new number applies from the next start.</source>
        <translation>يسري العدد الجديد من التشغيل التالي.</translation>
    </message>
    <message>
        <source>Default &amp;format (Ctrl+D):</source>
        <translation>ال&amp;صيغة الافتراضية (Ctrl+D):</translation>
    </message>
    <message>
        <source>&amp;PNG size (downloads and export):</source>
        <translation>مقاس &amp;PNG (التحميل والتصدير):</translation>
    </message>
    <message>
        <source> px</source>
        <translation> بكسل</translation>
    </message>
</context>
<context>
    <name>DragOut</name>
    <message>
        <source>The library isn&apos;t open yet. Try again in a moment.</source>
        <translation>لم تُفتح المكتبة بعد. حاول مرة أخرى بعد لحظات.</translation>
    </message>
    <message>
        <source>Nothing to drop yet: downloads start once a server is set.</source>
        <translation>لا شيء للإفلات بعد: تبدأ التحميلات بعد تعيين خادم.</translation>
    </message>
    <message>
        <source>Sign in to download these illustrations, then drag them again.</source>
        <translation>سجّل الدخول لتحميل هذه الرسومات التوضيحية، ثم اسحبها مرة أخرى.</translation>
    </message>
    <message>
        <source>The drag was cancelled.</source>
        <translation>أُلغي السحب.</translation>
    </message>
    <message numerus="yes">
        <source>Downloading %Ln illustration(s) to drop… (Escape cancels)</source>
        <translation>
            <numerusform>جارٍ التحميل للإفلات… (اضغط Escape للإلغاء)</numerusform>
            <numerusform>جارٍ تحميل رسم توضيحي واحد للإفلات… (اضغط Escape للإلغاء)</numerusform>
            <numerusform>جارٍ تحميل رسمين توضيحيين للإفلات… (اضغط Escape للإلغاء)</numerusform>
            <numerusform>جارٍ تحميل %Ln رسومات توضيحية للإفلات… (اضغط Escape للإلغاء)</numerusform>
            <numerusform>جارٍ تحميل %Ln رسمًا توضيحيًا للإفلات… (اضغط Escape للإلغاء)</numerusform>
            <numerusform>جارٍ تحميل %Ln رسم توضيحي للإفلات… (اضغط Escape للإلغاء)</numerusform>
        </translation>
    </message>
    <message>
        <source>Downloaded to your library. Drag again to drop.</source>
        <translation>حُمِّلت إلى مكتبتك. اسحب مرة أخرى للإفلات.</translation>
    </message>
    <message>
        <source>Nothing was dropped: “%1” could not be downloaded. %2</source>
        <translation>لم يُفلَت شيء: تعذّر تحميل «%1». %2</translation>
    </message>
    <message>
        <source>Nothing was dropped: a download for it was cancelled.</source>
        <translation>لم يُفلَت شيء: أُلغي أحد التحميلات اللازمة له.</translation>
    </message>
</context>
<context>
    <name>EntryFacts</name>
    <message>
        <source>%1 × %2 px</source>
        <translation>%1 × %2 بكسل</translation>
    </message>
    <message>
        <source>PNG, %1 px</source>
        <translation>PNG، ‏%1 بكسل</translation>
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
        <source>Size on disk:</source>
        <translation>الحجم على القرص:</translation>
    </message>
    <message>
        <source>Added:</source>
        <translation>تاريخ الإضافة:</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>الموقع:</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>الملفات:</translation>
    </message>
    <message>
        <source>Licence:</source>
        <translation>الترخيص:</translation>
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
        <source>The server address %1 can&apos;t be used. Write it like https://weshape.example, without a user name, password, spaces, backslashes, “?” or “#”.</source>
        <translation>لا يمكن استخدام عنوان الخادم %1. اكتبه على شكل https://weshape.example‏، دون اسم مستخدم أو كلمة مرور أو مسافات أو شرطات مائلة عكسية أو «?» أو «#».</translation>
    </message>
    <message>
        <source>Can&apos;t reach the weShape server. Check your internet connection, then try again.</source>
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
        <source>The weShape server sent an answer this app doesn&apos;t understand. Try again later, or check the server address in the settings.</source>
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
        <source>The weShape server refused this request. Try again; if it keeps happening, update weShape Desktop.</source>
        <translation>رفض خادم weShape هذا الطلب. حاول مرة أخرى، وإن تكرر ذلك فحدّث تطبيق weShape Desktop.</translation>
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
        <source>weShape Desktop can&apos;t write to the library folder %1. Choose another folder in the settings or check its permissions.</source>
        <translation>لا يستطيع weShape Desktop الكتابة في مجلد المكتبة %1. اختر مجلدًا آخر من الإعدادات أو تحقّق من أذوناته.</translation>
    </message>
    <message>
        <source>The library folder %1 doesn&apos;t exist. Reconnect the drive it is on, or choose another folder in the settings.</source>
        <translation>مجلد المكتبة %1 غير موجود. أعد توصيل القرص الذي يحويه، أو اختر مجلدًا آخر من الإعدادات.</translation>
    </message>
    <message>
        <source>weShape Desktop couldn&apos;t save a file in the library folder %1: %2</source>
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
        <source>That password is not right. Your account was not deleted; try again.</source>
        <translation>كلمة المرور هذه غير صحيحة. لم يُحذف حسابك؛ حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>An account with this email already exists. Sign in instead, or use another email.</source>
        <translation>يوجد حساب بهذا البريد الإلكتروني بالفعل. سجّل الدخول بدلًا من ذلك، أو استخدم بريدًا إلكترونيًا آخر.</translation>
    </message>
    <message>
        <source>This email address doesn&apos;t look right. Check it, then try again.</source>
        <translation>يبدو أن عنوان البريد الإلكتروني هذا غير صحيح. تحقّق منه ثم أعد المحاولة.</translation>
    </message>
    <message>
        <source>This password is too easy to guess. Choose a longer one, such as a few unrelated words.</source>
        <translation>كلمة المرور هذه سهلة التخمين. اختر كلمة مرور أطول، مثل بضع كلمات لا رابط بينها.</translation>
    </message>
    <message>
        <source>Enter your name as you&apos;d like it shown.</source>
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
        <source>The browser sign-in didn&apos;t complete. Try again from the sign-in window.</source>
        <translation>لم يكتمل تسجيل الدخول عبر المتصفح. أعد المحاولة من نافذة تسجيل الدخول.</translation>
    </message>
    <message>
        <source>Couldn&apos;t open your web browser. Sign in with your email and password instead.</source>
        <translation>تعذّر فتح متصفح الويب. سجّل الدخول ببريدك الإلكتروني وكلمة المرور بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>There is no SVG file of “%1” on this computer. Download it as SVG, then try again.</source>
        <translation>لا يوجد ملف SVG للرسم التوضيحي «%1» على هذا الحاسوب. حمّله بصيغة SVG ثم أعد المحاولة.</translation>
    </message>
    <message>
        <source>The file of “%1” is no longer in the library folder (%2). Put it back, or download it again.</source>
        <translation>لم يعد ملف «%1» في مجلد المكتبة (%2). أعِده إلى مكانه، أو حمّله مرة أخرى.</translation>
    </message>
    <message>
        <source>weShape Desktop couldn&apos;t read the file %1: %2 Check its permissions.</source>
        <translation>تعذّر على weShape Desktop قراءة الملف %1: %2 تحقّق من أذوناته.</translation>
    </message>
    <message>
        <source>“%1” can&apos;t be used because its file could be harmful: %2 Download it again.</source>
        <translation>لا يمكن استخدام «%1» لأن ملفه قد يكون ضارًا: %2 حمّله مرة أخرى.</translation>
    </message>
    <message>
        <source>weShape Desktop can&apos;t write to the folder %1. Choose another folder, or check its permissions.</source>
        <translation>لا يستطيع weShape Desktop الكتابة في المجلد %1. اختر مجلدًا آخر، أو تحقّق من أذوناته.</translation>
    </message>
    <message>
        <source>The file %1 could not be saved: %2 Choose another folder, then try again.</source>
        <translation>تعذّر حفظ الملف %1: %2 اختر مجلدًا آخر ثم أعد المحاولة.</translation>
    </message>
    <message>
        <source>The library can&apos;t move to %1: choose an empty folder that is neither inside the current library folder nor contains it.</source>
        <translation>لا يمكن نقل المكتبة إلى %1: اختر مجلدًا فارغًا ليس داخل مجلد المكتبة الحالي ولا يحتويه.</translation>
    </message>
    <message>
        <source>The library could not be moved to %1 (%2). Nothing was changed: the library is still in its old folder.</source>
        <translation>تعذّر نقل المكتبة إلى %1 (%2). لم يتغير شيء: المكتبة ما زالت في مجلدها القديم.</translation>
    </message>
    <message>
        <source>Moving the library was cancelled. It is still in its old folder.</source>
        <translation>أُلغي نقل المكتبة. ما زالت في مجلدها القديم.</translation>
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
        <source>weShape Desktop can&apos;t open its library database in %1: %2 Check that the folder exists and that you can write to it.</source>
        <translation>يتعذّر على weShape Desktop فتح قاعدة بيانات المكتبة في %1: %2 تحقّق من وجود المجلد ومن أن لديك إذن الكتابة فيه.</translation>
    </message>
    <message>
        <source>This collection no longer exists. It may have been deleted on another computer.</source>
        <translation>لم تعد هذه المجموعة موجودة. ربما حُذفت على حاسوب آخر.</translation>
    </message>
    <message>
        <source>The server at this address doesn&apos;t work the way this app expects. Check the server address in the settings, or update weShape Desktop.</source>
        <translation>الخادم على هذا العنوان لا يعمل كما يتوقع هذا التطبيق. تحقق من عنوان الخادم في الإعدادات، أو حدّث تطبيق weShape Desktop.</translation>
    </message>
    <message>
        <source>Your account is not allowed to do this.</source>
        <translation>لا يُسمح لحسابك بهذا الإجراء.</translation>
    </message>
    <message>
        <source>This was too much to send to the server at once. Try again with less.</source>
        <translation>هذا أكثر مما يمكن إرساله إلى الخادم دفعة واحدة. حاول مرة أخرى بكمية أقل.</translation>
    </message>
    <message>
        <source>The catalog changed while you were browsing. Search again to reload it.</source>
        <translation>تغيّر الكتالوج أثناء تصفحك. ابحث مرة أخرى لإعادة تحميله.</translation>
    </message>
    <message>
        <source>The server couldn&apos;t continue this download where it stopped. Try again.</source>
        <translation>لم يتمكن الخادم من متابعة هذا التحميل من حيث توقف. حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>The server doesn&apos;t know this version of the privacy policy. Restart the app to read the current one.</source>
        <translation>لا يعرف الخادم هذا الإصدار من سياسة الخصوصية. أعد تشغيل التطبيق لقراءة الإصدار الحالي.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export or recolour “%1”</source>
        <translation>تصدير «%1» أو تغيير لونه</translation>
    </message>
    <message>
        <source>SVG copied to the clipboard.</source>
        <translation>نُسخ SVG إلى الحافظة.</translation>
    </message>
    <message>
        <source>PNG copied to the clipboard.</source>
        <translation>نُسخ PNG إلى الحافظة.</translation>
    </message>
    <message>
        <source>Save PNG</source>
        <translation>حفظ PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>صور PNG (*.png)</translation>
    </message>
    <message>
        <source>Save SVG</source>
        <translation>حفظ SVG</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>صور SVG (*.svg)</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>حُفظ «%1».</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>جارٍ العمل…</translation>
    </message>
</context>
<context>
    <name>ExportForm</name>
    <message>
        <source>&amp;Accent colour</source>
        <translation>&amp;اللون المميّز</translation>
    </message>
    <message>
        <source>This illustration has no accent colour that can be changed.</source>
        <translation>لا يحتوي هذا الرسم التوضيحي على لون مميّز يمكن تغييره.</translation>
    </message>
    <message>
        <source>PNG &amp;size</source>
        <translation>&amp;حجم PNG</translation>
    </message>
    <message>
        <source> px</source>
        <translation> بكسل</translation>
    </message>
    <message>
        <source>%1 × %1 pixels</source>
        <translation>%1 × %1 بكسل</translation>
    </message>
    <message>
        <source>Copy SVG</source>
        <translation>نسخ SVG</translation>
    </message>
    <message>
        <source>Copy PNG</source>
        <translation>نسخ PNG</translation>
    </message>
    <message>
        <source>Save SVG…</source>
        <translation>حفظ SVG…</translation>
    </message>
    <message>
        <source>Save PNG…</source>
        <translation>حفظ PNG…</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <source>General</source>
        <translation>عام</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>ال&amp;لغة:</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>الم&amp;ظهر:</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>حسب النظام</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>فاتح</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>داكن</translation>
    </message>
</context>
<context>
    <name>GridPage</name>
    <message>
        <source>Clear search</source>
        <translation>مسح البحث</translation>
    </message>
</context>
<context>
    <name>LibraryActions</name>
    <message>
        <source>There is already a collection called %1.</source>
        <translation>توجد مجموعة باسم %1 بالفعل.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) could not be deleted. Check that you may change the library folder, then delete them there by hand.</source>
        <translation>
            <numerusform>تعذر حذف %Ln ملف. تحقق من أن لديك صلاحية تعديل مجلد المكتبة، ثم احذفها منه يدويًا.</numerusform>
            <numerusform>تعذر حذف ملف واحد. تحقق من أن لديك صلاحية تعديل مجلد المكتبة، ثم احذفه منه يدويًا.</numerusform>
            <numerusform>تعذر حذف ملفين. تحقق من أن لديك صلاحية تعديل مجلد المكتبة، ثم احذفهما منه يدويًا.</numerusform>
            <numerusform>تعذر حذف %Ln ملفات. تحقق من أن لديك صلاحية تعديل مجلد المكتبة، ثم احذفها منه يدويًا.</numerusform>
            <numerusform>تعذر حذف %Ln ملفًا. تحقق من أن لديك صلاحية تعديل مجلد المكتبة، ثم احذفها منه يدويًا.</numerusform>
            <numerusform>تعذر حذف %Ln ملف. تحقق من أن لديك صلاحية تعديل مجلد المكتبة، ثم احذفها منه يدويًا.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) outside the library folder were kept.</source>
        <translation>
            <numerusform>أُبقي على %Ln ملف خارج مجلد المكتبة.</numerusform>
            <numerusform>أُبقي على ملف واحد خارج مجلد المكتبة.</numerusform>
            <numerusform>أُبقي على ملفين خارج مجلد المكتبة.</numerusform>
            <numerusform>أُبقي على %Ln ملفات خارج مجلد المكتبة.</numerusform>
            <numerusform>أُبقي على %Ln ملفًا خارج مجلد المكتبة.</numerusform>
            <numerusform>أُبقي على %Ln ملف خارج مجلد المكتبة.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete collection</source>
        <translation>حذف المجموعة</translation>
    </message>
    <message>
        <source>Delete the collection %1? The illustrations in it stay in your library.</source>
        <translation>أتريد حذف المجموعة %1؟ تبقى الرسومات التوضيحية التي فيها في مكتبتك.</translation>
    </message>
    <message>
        <source>Tag name</source>
        <translation>اسم الوسم</translation>
    </message>
    <message>
        <source>Collection name</source>
        <translation>اسم المجموعة</translation>
    </message>
    <message>
        <source>New collection name</source>
        <translation>اسم المجموعة الجديدة</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>مفضّل</translation>
    </message>
    <message>
        <source>Add the selected illustrations to favourites, or take them out</source>
        <translation>إضافة الرسومات التوضيحية المحددة إلى المفضلة، أو إزالتها منها</translation>
    </message>
    <message>
        <source>Add tag…</source>
        <translation>إضافة وسم…</translation>
    </message>
    <message>
        <source>Add to collection…</source>
        <translation>إضافة إلى مجموعة…</translation>
    </message>
    <message>
        <source>Remove from library…</source>
        <translation>إزالة من المكتبة…</translation>
    </message>
    <message>
        <source>Remove the selected illustrations (Delete)</source>
        <translation>أزل الرسومات التوضيحية المحددة (Delete)</translation>
    </message>
    <message>
        <source>Move earlier in the collection</source>
        <translation>نقل إلى موضع أسبق في المجموعة</translation>
    </message>
    <message>
        <source>Move later in the collection</source>
        <translation>نقل إلى موضع لاحق في المجموعة</translation>
    </message>
    <message>
        <source>Remove from this collection</source>
        <translation>إزالة من هذه المجموعة</translation>
    </message>
    <message>
        <source>Take the selected illustrations out of this collection; they stay in your library</source>
        <translation>أخرج الرسومات التوضيحية المحددة من هذه المجموعة؛ تبقى في مكتبتك</translation>
    </message>
</context>
<context>
    <name>LibraryDetailPanel</name>
    <message>
        <source>Select an illustration to see its details.</source>
        <translation>اختر رسمًا توضيحيًا لعرض تفاصيله.</translation>
    </message>
    <message>
        <source>Export / recolour…</source>
        <translation>تصدير / إعادة التلوين…</translation>
    </message>
    <message>
        <source>Copy SVG</source>
        <translation>نسخ SVG</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>إظهار في المجلد</translation>
    </message>
    <message>
        <source>Remove from library…</source>
        <translation>إزالة من المكتبة…</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>مفضّل</translation>
    </message>
    <message>
        <source>This illustration is in your library as PNG only. Export / recolour and Copy SVG need its SVG.</source>
        <translation>هذا الرسم في مكتبتك بصيغة PNG فقط. يحتاج «تصدير / إعادة التلوين» و«نسخ SVG» إلى ملف SVG.</translation>
    </message>
    <message>
        <source>Download the SVG</source>
        <translation>تحميل ملف SVG</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>الوسوم</translation>
    </message>
</context>
<context>
    <name>LibraryEntryEditor</name>
    <message>
        <source>Your change couldn&apos;t be saved in the library. Check that the disk isn&apos;t full and the library folder is writable, then try again.</source>
        <translation>تعذّر حفظ تعديلك في المكتبة. تحقّق من أن القرص غير ممتلئ ومن إمكانية الكتابة في مجلد المكتبة، ثم أعد المحاولة.</translation>
    </message>
    <message>
        <source>Remove from favourites</source>
        <translation>إزالة من المفضلة</translation>
    </message>
    <message>
        <source>Add to favourites</source>
        <translation>إضافة إلى المفضلة</translation>
    </message>
</context>
<context>
    <name>LibraryFilterBar</name>
    <message>
        <source>Search your library</source>
        <translation>ابحث في مكتبتك</translation>
    </message>
    <message>
        <source>Search titles, tags and notes (Ctrl+F)</source>
        <translation>ابحث في العناوين والوسوم والملاحظات (Ctrl+F)</translation>
    </message>
    <message>
        <source>Sort order</source>
        <translation>ترتيب العرض</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>الأحدث أولًا</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>الأقدم أولًا</translation>
    </message>
    <message>
        <source>Title A–Z</source>
        <translation>العنوان أ–ي</translation>
    </message>
    <message>
        <source>Title Z–A</source>
        <translation>العنوان ي–أ</translation>
    </message>
    <message>
        <source>Collection order</source>
        <translation>ترتيب المجموعة</translation>
    </message>
</context>
<context>
    <name>LibraryMove</name>
    <message>
        <source>Moving the library</source>
        <translation>نقل المكتبة</translation>
    </message>
    <message>
        <source>Copying and checking the files…</source>
        <translation>جارٍ نسخ الملفات والتحقق منها…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <source>Choose the library folder</source>
        <translation>اختر مجلد المكتبة</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>المكتبة</translation>
    </message>
    <message>
        <source>Library folder:</source>
        <translation>مجلد المكتبة:</translation>
    </message>
    <message>
        <source>&amp;Move…</source>
        <translation>&amp;نقل…</translation>
    </message>
    <message>
        <source>Move the library to another folder</source>
        <translation>نقل المكتبة إلى مجلد آخر</translation>
    </message>
    <message>
        <source>The files are copied and checked before the new folder is used; then the old copies are removed and the window reopens.</source>
        <translation>تُنسخ الملفات ويُتحقق منها قبل استخدام المجلد الجديد، ثم تُزال النسخ القديمة وتُفتح النافذة من جديد.</translation>
    </message>
    <message>
        <source>Preview cache:</source>
        <translation>ذاكرة المعاينات المؤقتة:</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>جارٍ الحساب…</translation>
    </message>
    <message>
        <source>&amp;Clear cache</source>
        <translation>م&amp;سح الذاكرة المؤقتة</translation>
    </message>
</context>
<context>
    <name>LibrarySidebar</name>
    <message>
        <source>New collection…</source>
        <translation>مجموعة جديدة…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>إعادة تسمية…</translation>
    </message>
    <message>
        <source>Delete collection…</source>
        <translation>حذف المجموعة…</translation>
    </message>
    <message>
        <source>Library sections</source>
        <translation>أقسام المكتبة</translation>
    </message>
    <message>
        <source>All illustrations</source>
        <translation>كل الرسومات التوضيحية</translation>
    </message>
    <message>
        <source>Favourites</source>
        <translation>المفضلة</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>المجموعات</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>الفئات</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>الصيغ</translation>
    </message>
</context>
<context>
    <name>LibraryTab</name>
    <message>
        <source>Download again</source>
        <translation>تحميل مرة أخرى</translation>
    </message>
    <message>
        <source>Import them</source>
        <translation>استيرادها</translation>
    </message>
    <message>
        <source>Library repaired</source>
        <translation>أُصلحت المكتبة</translation>
    </message>
    <message numerus="yes">
        <source>The library database was damaged. It was moved to %1 and a new one was built from the files in the library folder: %Ln illustration(s) recovered.</source>
        <translation>
            <numerusform>كانت قاعدة بيانات المكتبة تالفة، فنُقلت إلى %1 وبُنيت قاعدة جديدة من الملفات الموجودة في مجلد المكتبة، ولم يُستعد أي رسم توضيحي.</numerusform>
            <numerusform>كانت قاعدة بيانات المكتبة تالفة، فنُقلت إلى %1 وبُنيت قاعدة جديدة من الملفات الموجودة في مجلد المكتبة: استُعيد رسم توضيحي واحد.</numerusform>
            <numerusform>كانت قاعدة بيانات المكتبة تالفة، فنُقلت إلى %1 وبُنيت قاعدة جديدة من الملفات الموجودة في مجلد المكتبة: استُعيد رسمان توضيحيان.</numerusform>
            <numerusform>كانت قاعدة بيانات المكتبة تالفة، فنُقلت إلى %1 وبُنيت قاعدة جديدة من الملفات الموجودة في مجلد المكتبة: استُعيد %Ln رسومات توضيحية.</numerusform>
            <numerusform>كانت قاعدة بيانات المكتبة تالفة، فنُقلت إلى %1 وبُنيت قاعدة جديدة من الملفات الموجودة في مجلد المكتبة: استُعيد %Ln رسمًا توضيحيًا.</numerusform>
            <numerusform>كانت قاعدة بيانات المكتبة تالفة، فنُقلت إلى %1 وبُنيت قاعدة جديدة من الملفات الموجودة في مجلد المكتبة: استُعيد %Ln رسم توضيحي.</numerusform>
        </translation>
    </message>
    <message>
        <source>Library damaged</source>
        <translation>المكتبة تالفة</translation>
    </message>
    <message>
        <source>The library database is damaged. Your library keeps working for now; it will be rebuilt from the files in the library folder the next time weShape Desktop starts. Restart it when you can.</source>
        <translation>قاعدة بيانات المكتبة تالفة. ستبقى مكتبتك تعمل الآن، وستُعاد بناؤها من الملفات الموجودة في مجلد المكتبة عند تشغيل weShape Desktop في المرة القادمة. أعد تشغيله متى استطعت.</translation>
    </message>
    <message>
        <source>SVG copied: paste it into your design tool.</source>
        <translation>نُسخ ملف SVG: الصقه في أداة التصميم لديك.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln illustration(s) in your library are missing from the library folder.</source>
        <translation>
            <numerusform>لم يُعثر في مجلد المكتبة على أي رسم توضيحي من مكتبتك.</numerusform>
            <numerusform>لم يُعثر في مجلد المكتبة على رسم توضيحي واحد من مكتبتك.</numerusform>
            <numerusform>لم يُعثر في مجلد المكتبة على رسمين توضيحيين من مكتبتك.</numerusform>
            <numerusform>لم يُعثر في مجلد المكتبة على %Ln رسومات توضيحية من مكتبتك.</numerusform>
            <numerusform>لم يُعثر في مجلد المكتبة على %Ln رسمًا توضيحيًا من مكتبتك.</numerusform>
            <numerusform>لم يُعثر في مجلد المكتبة على %Ln رسم توضيحي من مكتبتك.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) in the library folder are not in your library yet.</source>
        <translation>
            <numerusform>في مجلد المكتبة لا ملفات ليست في مكتبتك بعد.</numerusform>
            <numerusform>في مجلد المكتبة ملف واحد ليست في مكتبتك بعد.</numerusform>
            <numerusform>في مجلد المكتبة ملفان ليست في مكتبتك بعد.</numerusform>
            <numerusform>في مجلد المكتبة %Ln ملفات ليست في مكتبتك بعد.</numerusform>
            <numerusform>في مجلد المكتبة %Ln ملفًا ليست في مكتبتك بعد.</numerusform>
            <numerusform>في مجلد المكتبة %Ln ملف ليست في مكتبتك بعد.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln illustration(s) imported.</source>
        <translation>
            <numerusform>استُورد لا شيء.</numerusform>
            <numerusform>استُورد رسم توضيحي واحد.</numerusform>
            <numerusform>استُورد رسمان توضيحيان.</numerusform>
            <numerusform>استُورد %Ln رسومات توضيحية.</numerusform>
            <numerusform>استُورد %Ln رسمًا توضيحيًا.</numerusform>
            <numerusform>استُورد %Ln رسم توضيحي.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>Library</source>
        <translation>المكتبة</translation>
    </message>
    <message>
        <source>Library actions</source>
        <translation>إجراءات المكتبة</translation>
    </message>
    <message>
        <source>Browse the catalog</source>
        <translation>تصفّح الكتالوج</translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected</source>
        <translation>
            <numerusform>لم يُحدد شيء</numerusform>
            <numerusform>رسم واحد محدد</numerusform>
            <numerusform>رسمان محددان</numerusform>
            <numerusform>%Ln رسومات محددة</numerusform>
            <numerusform>%Ln رسمًا محددًا</numerusform>
            <numerusform>%Ln رسم محدد</numerusform>
        </translation>
    </message>
    <message>
        <source>Opening your library…</source>
        <translation>جارٍ فتح مكتبتك…</translation>
    </message>
    <message>
        <source>Your library is not available.</source>
        <translation>مكتبتك غير متاحة.</translation>
    </message>
    <message>
        <source>Your library is empty — download illustrations from the catalog.</source>
        <translation>مكتبتك فارغة — حمّل رسومات توضيحية من الكتالوج.</translation>
    </message>
    <message>
        <source>No illustrations match your search.</source>
        <translation>لا توجد رسومات توضيحية تطابق بحثك.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>No weShape server is set. Try the demo catalog, or set your server.</source>
        <translation>لم يُحدَّد خادم weShape. جرّب الكتالوج التجريبي، أو حدّد خادمك.</translation>
    </message>
    <message>
        <source>Start the demo catalog</source>
        <translation>تشغيل الكتالوج التجريبي</translation>
    </message>
    <message>
        <source>Set the server…</source>
        <translation>تحديد الخادم…</translation>
    </message>
    <message>
        <source>Starting the demo server…</source>
        <translation>جارٍ تشغيل الخادم التجريبي…</translation>
    </message>
    <message>
        <source>Downloads start once the library is open and the server is set.</source>
        <translation>يبدأ التحميل بعد فتح المكتبة وتحديد الخادم.</translation>
    </message>
    <message>
        <source>The library was not moved</source>
        <translation>لم تُنقل المكتبة</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
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
        <source>Library</source>
        <translation>المكتبة</translation>
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
        <source>&amp;Download the selected illustration</source>
        <translation>&amp;تحميل الرسم التوضيحي المحدد</translation>
    </message>
    <message>
        <source>&amp;Open the library folder</source>
        <translation>&amp;فتح مجلد المكتبة</translation>
    </message>
    <message>
        <source>&amp;Downloads</source>
        <translation>الت&amp;حميلات</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>الإ&amp;عدادات…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;بحث</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;اللغة</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <source>&amp;Privacy policy</source>
        <translation>&amp;سياسة الخصوصية</translation>
    </message>
    <message>
        <source>&amp;About weShape Desktop</source>
        <translation>&amp;حول weShape لسطح المكتب</translation>
    </message>
    <message>
        <source>You&apos;re offline. Your library works as usual.</source>
        <translation>أنت غير متصل. مكتبتك تعمل كالمعتاد.</translation>
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
    <name>MissingFileStrip</name>
    <message>
        <source>The file is missing from the library folder. Download it again, or remove the illustration from the library.</source>
        <translation>الملف غير موجود في مجلد المكتبة. حمّله مرة أخرى، أو أزِل الرسم التوضيحي من المكتبة.</translation>
    </message>
    <message>
        <source>Download again</source>
        <translation>تحميل مرة أخرى</translation>
    </message>
    <message>
        <source>This illustration is in your library but not downloaded on this computer.</source>
        <translation>هذا الرسم التوضيحي في مكتبتك لكنه غير محمَّل على هذا الحاسوب.</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>تحميل</translation>
    </message>
</context>
<context>
    <name>NamePopover</name>
    <message>
        <source>Create “%1”</source>
        <translation>إنشاء «%1»</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>Notes</source>
        <translation>الملاحظات</translation>
    </message>
    <message>
        <source>Add a note for yourself…</source>
        <translation>أضِف ملاحظة لنفسك…</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>تم الحفظ</translation>
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
    <message>
        <source>Updated %1 with minor changes.</source>
        <translation>حُدِّثت في %1 بتغييرات طفيفة.</translation>
    </message>
</context>
<context>
    <name>PolicyNotice</name>
    <message>
        <source>Privacy policy update</source>
        <translation>تحديث سياسة الخصوصية</translation>
    </message>
    <message>
        <source>We changed our privacy policy</source>
        <translation>غيّرنا سياسة الخصوصية</translation>
    </message>
    <message>
        <source>Version %1 of the weShape privacy policy, published on %2, makes significant changes to how we collect, use or share your personal information. Please read it to see what changed.</source>
        <translation>يُجري الإصدار %1 من سياسة الخصوصية في weShape، المنشور في %2، تغييرات كبيرة على طريقة جمعنا لمعلوماتك الشخصية أو استخدامها أو مشاركتها. الرجاء قراءتها لمعرفة ما تغيّر.</translation>
    </message>
    <message>
        <source>Read the policy</source>
        <translation>اقرأ السياسة</translation>
    </message>
    <message>
        <source>I understand</source>
        <translation>فهمت</translation>
    </message>
</context>
<context>
    <name>PrivacyPage</name>
    <message>
        <source>Privacy</source>
        <translation>الخصوصية</translation>
    </message>
    <message>
        <source>&amp;Share anonymous usage statistics</source>
        <translation>م&amp;شاركة تحليلات استخدام مجهولة الهوية</translation>
    </message>
    <message>
        <source>Statistics say which features are used — never your name, email, searches, titles or files. Off unless you turn it on.</source>
        <translation>تبيّن التحليلات الميزات المستخدمة، ولا تتضمن أبدًا اسمك أو بريدك الإلكتروني أو عمليات بحثك أو العناوين أو الملفات. متوقفة ما لم تشغّلها.</translation>
    </message>
    <message>
        <source>Show &amp;what is sent</source>
        <translation>إظهار &amp;ما يُرسل</translation>
    </message>
    <message>
        <source>Read the &amp;privacy policy</source>
        <translation>قراءة سياسة ال&amp;خصوصية</translation>
    </message>
</context>
<context>
    <name>QuickLook</name>
    <message>
        <source>Quick look</source>
        <translation>نظرة سريعة</translation>
    </message>
</context>
<context>
    <name>RemovalDialog</name>
    <message>
        <source>Remove from library</source>
        <translation>إزالة من المكتبة</translation>
    </message>
    <message numerus="yes">
        <source>Remove %Ln illustration(s) from your library?</source>
        <translation>
            <numerusform>إزالة %Ln رسم توضيحي من مكتبتك؟</numerusform>
            <numerusform>إزالة رسم توضيحي واحد من مكتبتك؟</numerusform>
            <numerusform>إزالة رسمين توضيحيين من مكتبتك؟</numerusform>
            <numerusform>إزالة %Ln رسومات توضيحية من مكتبتك؟</numerusform>
            <numerusform>إزالة %Ln رسمًا توضيحيًا من مكتبتك؟</numerusform>
            <numerusform>إزالة %Ln رسم توضيحي من مكتبتك؟</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleted files can&apos;t be recovered. Files you keep stay in the library folder.</source>
        <translation>لا يمكن استرجاع الملفات المحذوفة. أما الملفات التي تبقيها فتظل في مجلد المكتبة.</translation>
    </message>
    <message>
        <source>Remove and delete the files</source>
        <translation>إزالة وحذف الملفات</translation>
    </message>
    <message>
        <source>Remove, keep the files</source>
        <translation>إزالة مع إبقاء الملفات</translation>
    </message>
</context>
<context>
    <name>SelectionPanel</name>
    <message numerus="yes">
        <source>%Ln illustration(s) selected</source>
        <translation>
            <numerusform>لم يُحدَّد أي رسم توضيحي</numerusform>
            <numerusform>رسم توضيحي واحد محدد</numerusform>
            <numerusform>رسمان توضيحيان محددان</numerusform>
            <numerusform>%Ln رسومات توضيحية محددة</numerusform>
            <numerusform>%Ln رسمًا توضيحيًا محددًا</numerusform>
            <numerusform>%Ln رسم توضيحي محدد</numerusform>
        </translation>
    </message>
    <message>
        <source>All of them are already in your library.</source>
        <translation>كلها موجودة في مكتبتك بالفعل.</translation>
    </message>
    <message>
        <source>%1 of %2 already in your library: they are skipped.</source>
        <translation>%1 من %2 موجودة في مكتبتك بالفعل، وستُتخطّى.</translation>
    </message>
    <message>
        <source>Drag them into another app to use them there. Escape clears the selection.</source>
        <translation>اسحبها إلى تطبيق آخر لاستخدامها هناك. يُلغي مفتاح Escape التحديد.</translation>
    </message>
</context>
<context>
    <name>SentPayloadsDialog</name>
    <message>
        <source>What is sent</source>
        <translation>ما يُرسل</translation>
    </message>
    <message>
        <source>The latest statistics this computer sent, exactly as sent:</source>
        <translation>آخر التحليلات التي أرسلها هذا الحاسوب، كما أُرسلت تمامًا:</translation>
    </message>
    <message>
        <source>Nothing has been sent from this computer.</source>
        <translation>لم يُرسل شيء من هذا الحاسوب.</translation>
    </message>
    <message>
        <source>What each field means</source>
        <translation>معنى كل حقل</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>The settings file could not be read, so some settings are back to their defaults.</source>
        <translation>تعذّرت قراءة ملف الإعدادات، فعادت بعض الإعدادات إلى قيمها الافتراضية.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>الأقسام</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Enter your email address.</source>
        <translation>أدخل بريدك الإلكتروني.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>أدخل كلمة المرور.</translation>
    </message>
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
        <source>Sign in for this session only</source>
        <translation>تسجيل الدخول لهذه الجلسة فقط</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>ال&amp;بريد الإلكتروني:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;كلمة المرور:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>ال&amp;اسم:</translation>
    </message>
    <message>
        <source>Sign in with browser</source>
        <translation>تسجيل الدخول عبر المتصفح</translation>
    </message>
    <message>
        <source>Use the demo account</source>
        <translation>استخدام الحساب التجريبي</translation>
    </message>
    <message>
        <source>No account yet? Create one</source>
        <translation>ليس لديك حساب بعد؟ أنشئ حسابًا</translation>
    </message>
    <message>
        <source>At least 10 characters</source>
        <translation>10 أحرف على الأقل</translation>
    </message>
    <message>
        <source>weShape keeps your name and email to run your account. &lt;a href=&quot;policy&quot;&gt;Read the privacy policy&lt;/a&gt;.</source>
        <translation>تحتفظ weShape باسمك وبريدك الإلكتروني لتشغيل حسابك. &lt;a href=&quot;policy&quot;&gt;اقرأ سياسة الخصوصية&lt;/a&gt;.</translation>
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
<context>
    <name>SyncPrompts</name>
    <message>
        <source>Sync this library?</source>
        <translation>هل تريد مزامنة هذه المكتبة؟</translation>
    </message>
    <message numerus="yes">
        <source>%Ln illustration(s) in the library on this computer will join your account %1 and sync with your other computers.</source>
        <translation>
            <numerusform>لا رسومات توضيحية في المكتبة على هذا الحاسوب لتنضم إلى حسابك %1.</numerusform>
            <numerusform>سينضم رسم توضيحي واحد في المكتبة على هذا الحاسوب إلى حسابك %1 ويُزامَن مع حواسيبك الأخرى.</numerusform>
            <numerusform>سينضم رسمان توضيحيان في المكتبة على هذا الحاسوب إلى حسابك %1 ويُزامَنان مع حواسيبك الأخرى.</numerusform>
            <numerusform>ستنضم %Ln رسومات توضيحية في المكتبة على هذا الحاسوب إلى حسابك %1 وتُزامَن مع حواسيبك الأخرى.</numerusform>
            <numerusform>سينضم %Ln رسمًا توضيحيًا في المكتبة على هذا الحاسوب إلى حسابك %1 ويُزامَن مع حواسيبك الأخرى.</numerusform>
            <numerusform>سينضم %Ln رسم توضيحي في المكتبة على هذا الحاسوب إلى حسابك %1 ويُزامَن مع حواسيبك الأخرى.</numerusform>
        </translation>
    </message>
    <message>
        <source>If you cancel, you stay signed in and this library is not synced. To sync it later, choose Account → Sync now.</source>
        <translation>إذا ألغيت، تبقى مسجّل الدخول ولا تُزامَن هذه المكتبة. لمزامنتها لاحقًا، اختر الحساب ← مزامنة الآن.</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>دمج</translation>
    </message>
    <message>
        <source>The library on this computer is synced with another weShape account. Merge it into the account %1, or keep them apart?</source>
        <translation>المكتبة على هذا الحاسوب مُزامَنة مع حساب weShape آخر. هل تريد دمجها في الحساب %1، أم إبقاءهما منفصلين؟</translation>
    </message>
    <message numerus="yes">
        <source>Merge: its %Ln illustration(s) join %1 and sync with it. Keep apart: this library is not synced while you are signed in as %1; to merge it later, choose Account → Sync now.</source>
        <translation>
            <numerusform>الدمج: تُزامَن المكتبة مع %1. الإبقاء منفصلين: لا تُزامَن هذه المكتبة ما دمت مسجّل الدخول باسم %1؛ لدمجها لاحقًا، اختر الحساب ← مزامنة الآن.</numerusform>
            <numerusform>الدمج: ينضم رسمها التوضيحي الواحد إلى %1 ويُزامَن معه. الإبقاء منفصلين: لا تُزامَن هذه المكتبة ما دمت مسجّل الدخول باسم %1؛ لدمجها لاحقًا، اختر الحساب ← مزامنة الآن.</numerusform>
            <numerusform>الدمج: ينضم رسماها التوضيحيان إلى %1 ويُزامَنان معه. الإبقاء منفصلين: لا تُزامَن هذه المكتبة ما دمت مسجّل الدخول باسم %1؛ لدمجها لاحقًا، اختر الحساب ← مزامنة الآن.</numerusform>
            <numerusform>الدمج: تنضم رسوماتها التوضيحية الـ%Ln إلى %1 وتُزامَن معه. الإبقاء منفصلين: لا تُزامَن هذه المكتبة ما دمت مسجّل الدخول باسم %1؛ لدمجها لاحقًا، اختر الحساب ← مزامنة الآن.</numerusform>
            <numerusform>الدمج: ينضم %Ln رسمًا توضيحيًا منها إلى %1 ويُزامَن معه. الإبقاء منفصلين: لا تُزامَن هذه المكتبة ما دمت مسجّل الدخول باسم %1؛ لدمجها لاحقًا، اختر الحساب ← مزامنة الآن.</numerusform>
            <numerusform>الدمج: ينضم %Ln رسم توضيحي منها إلى %1 ويُزامَن معه. الإبقاء منفصلين: لا تُزامَن هذه المكتبة ما دمت مسجّل الدخول باسم %1؛ لدمجها لاحقًا، اختر الحساب ← مزامنة الآن.</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep apart</source>
        <translation>إبقاؤهما منفصلين</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>Syncing… %1 %</source>
        <translation>جارٍ المزامنة… %1٪</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>جارٍ المزامنة…</translation>
    </message>
    <message>
        <source>Offline — will retry</source>
        <translation>غير متصل — ستُعاد المحاولة</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>فشلت المزامنة: %1</translation>
    </message>
    <message>
        <source>This library is not synced</source>
        <translation>هذه المكتبة غير مُزامَنة</translation>
    </message>
    <message numerus="yes">
        <source>%Ln change(s) pending</source>
        <translation>
            <numerusform>لا تغييرات بانتظار المزامنة</numerusform>
            <numerusform>تغيير واحد بانتظار المزامنة</numerusform>
            <numerusform>تغييران بانتظار المزامنة</numerusform>
            <numerusform>%Ln تغييرات بانتظار المزامنة</numerusform>
            <numerusform>%Ln تغييرًا بانتظار المزامنة</numerusform>
            <numerusform>%Ln تغيير بانتظار المزامنة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln change(s) will sync when the server can be reached.</source>
        <translation>
            <numerusform>لا تغييرات بانتظار المزامنة.</numerusform>
            <numerusform>سيُزامَن تغيير واحد عند الوصول إلى الخادم.</numerusform>
            <numerusform>سيُزامَن تغييران عند الوصول إلى الخادم.</numerusform>
            <numerusform>ستُزامَن %Ln تغييرات عند الوصول إلى الخادم.</numerusform>
            <numerusform>سيُزامَن %Ln تغييرًا عند الوصول إلى الخادم.</numerusform>
            <numerusform>سيُزامَن %Ln تغيير عند الوصول إلى الخادم.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Synced %Ln min ago</source>
        <translation>
            <numerusform>زُومنت للتو</numerusform>
            <numerusform>زُومنت قبل دقيقة</numerusform>
            <numerusform>زُومنت قبل دقيقتين</numerusform>
            <numerusform>زُومنت قبل %Ln دقائق</numerusform>
            <numerusform>زُومنت قبل %Ln دقيقة</numerusform>
            <numerusform>زُومنت قبل %Ln دقيقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Synced %Ln hour(s) ago</source>
        <translation>
            <numerusform>زُومنت للتو</numerusform>
            <numerusform>زُومنت قبل ساعة</numerusform>
            <numerusform>زُومنت قبل ساعتين</numerusform>
            <numerusform>زُومنت قبل %Ln ساعات</numerusform>
            <numerusform>زُومنت قبل %Ln ساعة</numerusform>
            <numerusform>زُومنت قبل %Ln ساعة</numerusform>
        </translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>لم تُزامَن بعد</translation>
    </message>
    <message>
        <source>To merge it into your account, choose Account → Sync now.</source>
        <translation>لدمجها في حسابك، اختر الحساب ← مزامنة الآن.</translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation>آخر مزامنة: %1</translation>
    </message>
    <message>
        <source>Synced just now</source>
        <translation>زُومنت للتو</translation>
    </message>
    <message>
        <source>Synced on %1</source>
        <translation>زُومنت في %1</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>إعادة المحاولة</translation>
    </message>
</context>
<context>
    <name>TagChip</name>
    <message>
        <source>Remove the tag “%1”</source>
        <translation>إزالة الوسم «%1»</translation>
    </message>
</context>
<context>
    <name>TagEditor</name>
    <message>
        <source>Add tags, separated by commas</source>
        <translation>أضِف وسومًا مفصولة بفواصل</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>إضافة وسم</translation>
    </message>
</context>
<context>
    <name>TileSizeSlider</name>
    <message>
        <source>Tile size</source>
        <translation>حجم المصغّرات</translation>
    </message>
    <message>
        <source>Tile size (Ctrl+= larger, Ctrl+- smaller, Ctrl+0 default)</source>
        <translation>حجم المصغّرات (⁦Ctrl+=⁩ للتكبير، ⁦Ctrl+-⁩ للتصغير، ⁦Ctrl+0⁩ للحجم الافتراضي)</translation>
    </message>
    <message>
        <source>Larger tiles</source>
        <translation>مصغّرات أكبر</translation>
    </message>
    <message>
        <source>Smaller tiles</source>
        <translation>مصغّرات أصغر</translation>
    </message>
    <message>
        <source>Default tile size</source>
        <translation>الحجم الافتراضي للمصغّرات</translation>
    </message>
</context>
</TS>
