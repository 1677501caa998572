-- A server database made by the schema code before Alembic (create_all, no alembic_version),
-- with one account, its tokens, a download and a synced object: `migrate` must upgrade it in place.
BEGIN TRANSACTION;
CREATE TABLE accounts (
	id VARCHAR(36) NOT NULL, 
	email VARCHAR(254) NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	password_hash VARCHAR(255) NOT NULL, 
	locale VARCHAR(8) NOT NULL, 
	accepted_policy_version INTEGER NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (email)
);
INSERT INTO "accounts" VALUES('92020eaf-7b1e-467d-b5a7-af40d1ceddde','lina@example.org','Lina Haddad','$argon2id$v=19$m=64,t=1,p=4$i3ihmarudjthaFqJZo7PIw$IorOhZRYAyg95SXh8Oal4eOOo5M5rKx03l1XzoXG6gg','en',1,'2026-12-07T13:55:51Z');
CREATE TABLE auth_codes (
	hash VARCHAR(64) NOT NULL, 
	account_id VARCHAR(36) NOT NULL, 
	client_id VARCHAR(64) NOT NULL, 
	redirect_uri TEXT NOT NULL, 
	code_challenge VARCHAR(128) NOT NULL, 
	created_at FLOAT NOT NULL, 
	expires_at FLOAT NOT NULL, 
	used_at FLOAT, 
	family_id VARCHAR(36), 
	PRIMARY KEY (hash), 
	FOREIGN KEY(account_id) REFERENCES accounts (id)
);
CREATE TABLE downloads (
	id INTEGER NOT NULL, 
	account_id VARCHAR(36) NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	downloaded_at VARCHAR(32) NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(account_id) REFERENCES accounts (id)
);
INSERT INTO "downloads" VALUES(1,'92020eaf-7b1e-467d-b5a7-af40d1ceddde','de1102a2cac0218942189c3e8f0c963f0834fec893db1d06f6e2263195d9b27f','2026-12-07T13:55:51Z');
CREATE TABLE facets (
	kind VARCHAR(16) NOT NULL, 
	id VARCHAR(128) NOT NULL, 
	position INTEGER NOT NULL, 
	name_en TEXT NOT NULL, 
	name_ar TEXT NOT NULL, 
	PRIMARY KEY (kind, id)
);
INSERT INTO "facets" VALUES('category','errors',0,'Errors','أخطاء');
INSERT INTO "facets" VALUES('category','empty',1,'Empty states','حالات فارغة');
INSERT INTO "facets" VALUES('category','success',2,'Success','نجاح');
INSERT INTO "facets" VALUES('category','unused',3,'Unused','غير مستخدمة');
INSERT INTO "facets" VALUES('style','light',0,'Light','فاتح');
INSERT INTO "facets" VALUES('style','dark',1,'Dark','داكن');
CREATE TABLE illustrations (
	position INTEGER NOT NULL, 
	id VARCHAR(128) NOT NULL, 
	title_en TEXT NOT NULL, 
	title_ar TEXT NOT NULL, 
	tags_en JSON NOT NULL, 
	tags_ar JSON NOT NULL, 
	category VARCHAR(128) NOT NULL, 
	style VARCHAR(128) NOT NULL, 
	accent VARCHAR(7) NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	bytes INTEGER NOT NULL, 
	width INTEGER NOT NULL, 
	height INTEGER NOT NULL, 
	license VARCHAR(64) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	search_text TEXT NOT NULL, 
	PRIMARY KEY (position), 
	UNIQUE (id)
);
INSERT INTO "illustrations" VALUES(1,'item-0','Access denied','تم رفض الوصول','["lock", "Security"]','["\u0623\u0645\u0627\u0646", "\u0642\u0641\u0644"]','errors','light','#e5325d','de1102a2cac0218942189c3e8f0c963f0834fec893db1d06f6e2263195d9b27f',130,100,80,'MIT','2026-01-01T00:00:00Z','access deniedتم رفض الوصولlocksecurityامانقفل');
INSERT INTO "illustrations" VALUES(2,'item-1','Name card','بطاقة إسم','["identity"]','["\u0647\u0648\u064a\u0651\u0629"]','empty','dark','#e5325d','fbab2b136b434cb5ad665318c710e5ac9cb45f14dede3d12f7677e392dfed7ad',130,101,80,'MIT','2026-01-01T00:00:00Z','name cardبطاقه اسمidentityهويه');
INSERT INTO "illustrations" VALUES(3,'item-2','Cloud upload','رفع إلى السحابة','["sync", "100%_done"]','["\u0645\u0643\u062a\u0628\u0629"]','success','light','#e5325d','a094a5bbfec2ce33700e1c59bf58d132b3b95b0fb44f209ae94d636718aafec7',130,102,80,'MIT','2026-01-01T00:00:00Z','cloud uploadرفع الي السحابهsync100%_doneمكتبه');
CREATE TABLE policy_versions (
	version INTEGER NOT NULL, 
	published VARCHAR(10) NOT NULL, 
	significant BOOLEAN NOT NULL, 
	text_ar TEXT NOT NULL, 
	text_en TEXT NOT NULL, 
	PRIMARY KEY (version)
);
INSERT INTO "policy_versions" VALUES(1,'2026-01-01',0,'مقدمة سياسة الخصوصية
في weShape، خصوصيتك هي من أقصى أهميتنا. توضح سياسة الخصوصية هذه أنواع المعلومات الشخصية التي نجمعها وكيف نستخدم ونشارك ونحمي تلك المعلومات فيما يتعلق بالخدمات المقدمة في weShape (الخدمة).
جمع المعلومات واستخدامها
نجمع المعلومات لتقديم خدمات أفضل لجميع مستخدمينا. المعلومات التي تجمعها weShape وكيفية استخدام تلك المعلومات يعتمد على كيفية استخدامك لخدماتنا وكيف تدير إعدادات الخصوصية الخاصة بك.
- عندما تقوم بتحميل رسومات أو التسجيل للحصول على حساب، قد نجمع معلومات شخصية مثل اسمك وعنوان بريدك الإلكتروني وأي معلومات أخرى تختار تقديمها.
- نستخدم Google Analytics لجمع ومعالجة بيانات الاستخدام لفهم كيفية استخدام خدماتنا ولتحسين منصتنا وتجربة المستخدم.
بياناتك وكيفية استخدامها
- يتم استخدام معلوماتك الشخصية لتقديم وصيانة وحماية وتحسين خدماتنا، لتطوير خدمات جديدة، ولحماية weShape ومستخدمينا.
- نحن لا نبيع بياناتك الشخصية للأطراف الثالثة.
مشاركة المعلومات والكشف عنها
weShape لا تشارك معلوماتك الشخصية مع الشركات أو المنظمات أو الأفراد خارج weShape إلا في الحالات التالية:
- بموافقتك.
- لأسباب قانونية، عندما نعتقد بحسن نية أن الوصول إلى الاستخدام أو الحفظ أو الكشف عن المعلومات ضروري بشكل معقول للامتثال لأي قانون أو لائحة أو عملية قانونية أو طلب حكومي قابل للتنفيذ.
حماية البيانات
نعمل بجد لحماية weShape ومستخدمينا من الوصول غير المصرح به أو التغيير غير المصرح به أو الكشف عن المعلومات أو تدميرها التي نحتفظ بها. على وجه الخصوص:
- نقوم بتشفير العديد من خدماتنا باستخدام SSL.
- نراجع ممارسات جمع المعلومات لدينا وتخزينها ومعالجتها، بما في ذلك تدابير الأمان الفيزيائية، للحماية من الوصول غير المصرح به إلى الأنظمة.
- نحد من الوصول إلى المعلومات الشخصية لموظفي weShape والمتعاقدين والوكلاء الذين يحتاجون إلى معرفة تلك المعلومات من أجل معالجتها لنا، والذين يخضعون لالتزامات صارمة بالسرية التعاقدية وقد يتعرضون للتأديب أو الإنهاء إذا فشلوا في الوفاء بتلك الالتزامات.
تغييرات في سياسة الخصوصية
قد تتغير سياسة الخصوصية الخاصة بنا من وقت لآخر. سننشر أي تغييرات على سياسة الخصوصية على هذه الصفحة و، إذا كانت التغييرات كبيرة، سنوفر إشعارًا بارزًا (بما في ذلك، لبعض الخدمات، إشعار بالبريد الإلكتروني بتغييرات سياسة الخصوصية).
اتصل بنا
إذا كانت لديك أي أسئلة حول سياسة الخصوصية هذه، الرجاء الاتصال بنا على info@invospark.com.','Privacy Policy Introduction
At weShape, your privacy is of utmost importance to us. This Privacy Policy outlines the types of personal information we collect and how we use, share, and protect that information in connection with the services offered at weShape (the "Service").
Information Collection and Use
We collect information to provide better services to all our users. The information weShape collects, and how that information is used, depends on how you use our services and how you manage your privacy controls.
- When you download illustrations or register for an account, we may collect personal information such as your name, email address, and any other information you choose to provide.
- We use Google Analytics to collect and process usage data to understand how our services are used and to improve our platform and user experience.
Your Data and How It Is Used
- Your personal information is used to provide, maintain, protect, and improve our services, to develop new ones, and to protect weShape and our users.
- We do not sell your personal data to third parties.
Information Sharing and Disclosure
weShape does not share your personal information with companies, organizations, or individuals outside of weShape except in the following cases:
- With your consent.
- For legal reasons, when we believe in good faith that access, use, preservation, or disclosure of the information is reasonably necessary to meet any applicable law, regulation, legal process, or enforceable governmental request.
Data Protection
We work hard to protect weShape and our users from unauthorized access to or unauthorized alteration, disclosure, or destruction of information we hold. In particular:
- We encrypt many of our services using SSL.
- We review our information collection, storage, and processing practices, including physical security measures, to guard against unauthorized access to systems.
- We restrict access to personal information to weShape employees, contractors, and agents who need to know that information in order to process it for us, and who are subject to strict contractual confidentiality obligations and may be disciplined or terminated if they fail to meet these obligations.
Changes to This Privacy Policy
Our Privacy Policy may change from time to time. We will post any privacy policy changes on this page and, if the changes are significant, we will provide a more prominent notice (including, for certain services, email notification of privacy policy changes).
Contact Us
If you have any questions about this Privacy Policy, please contact us at info@invospark.com.');
CREATE TABLE server_meta (
	"key" VARCHAR(64) NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);
INSERT INTO "server_meta" VALUES('catalog_fingerprint','22ffca00d11112ab75eaf81edcbc8276ac781400fa6f5e019ff02a7c1fcca9c1');
CREATE TABLE sync_applied (
	account_id VARCHAR(36) NOT NULL, 
	change_id VARCHAR(128) NOT NULL, 
	PRIMARY KEY (account_id, change_id), 
	FOREIGN KEY(account_id) REFERENCES accounts (id)
);
INSERT INTO "sync_applied" VALUES('92020eaf-7b1e-467d-b5a7-af40d1ceddde','d1:1');
CREATE TABLE sync_counters (
	account_id VARCHAR(36) NOT NULL, 
	usn BIGINT NOT NULL, 
	PRIMARY KEY (account_id), 
	FOREIGN KEY(account_id) REFERENCES accounts (id)
);
INSERT INTO "sync_counters" VALUES('92020eaf-7b1e-467d-b5a7-af40d1ceddde',1);
CREATE TABLE sync_objects (
	account_id VARCHAR(36) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	object_id VARCHAR(128) NOT NULL, 
	usn BIGINT NOT NULL, 
	modified BIGINT NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	payload JSON NOT NULL, 
	device_id VARCHAR(64) NOT NULL, 
	PRIMARY KEY (account_id, kind, object_id), 
	FOREIGN KEY(account_id) REFERENCES accounts (id)
);
INSERT INTO "sync_objects" VALUES('92020eaf-7b1e-467d-b5a7-af40d1ceddde','entry','item-0',1,1700000000000,0,'{"item_id": "item-0", "added_at": 1700000000000, "favourite": true, "note": "", "tags": [], "modified": 1700000000000}','d1');
CREATE TABLE tokens (
	hash VARCHAR(64) NOT NULL, 
	kind VARCHAR(8) NOT NULL, 
	account_id VARCHAR(36) NOT NULL, 
	family_id VARCHAR(36) NOT NULL, 
	created_at FLOAT NOT NULL, 
	expires_at FLOAT NOT NULL, 
	used_at FLOAT, 
	revoked_at FLOAT, 
	PRIMARY KEY (hash), 
	FOREIGN KEY(account_id) REFERENCES accounts (id)
);
INSERT INTO "tokens" VALUES('432326d6e8ba1bf0a9078636ebdc21bdfe616620905aef9769d67a67fd804ea1','access','92020eaf-7b1e-467d-b5a7-af40d1ceddde','d9641a17-2323-439d-a962-390907915177',1.79665175167535233501e+09,1.796652651675352335e+09,NULL,NULL);
INSERT INTO "tokens" VALUES('fb672a1d7d616a47de38e790215a55666453efbbdadaf14d79c13ead351d8f65','refresh','92020eaf-7b1e-467d-b5a7-af40d1ceddde','d9641a17-2323-439d-a962-390907915177',1.79665175167535233501e+09,1.79924375167535233492e+09,NULL,NULL);
CREATE INDEX ix_illustrations_category ON illustrations (category, position);
CREATE INDEX ix_illustrations_sha256 ON illustrations (sha256);
CREATE INDEX ix_illustrations_style ON illustrations (style, position);
CREATE INDEX ix_tokens_family ON tokens (family_id);
CREATE INDEX ix_downloads_account ON downloads (account_id, id);
CREATE UNIQUE INDEX ix_sync_objects_usn ON sync_objects (account_id, usn);
COMMIT;
