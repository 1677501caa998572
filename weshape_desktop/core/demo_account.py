"""The demo account `--demo` servers create: shared by the server and the app's sign-in dialog
("Use the demo account"). Its password is published on purpose; it guards nothing."""

DEMO_NAME = "Demo Designer"
DEMO_EMAIL = "demo@weshape.example"
DEMO_PASSWORD = "weshape-demo"
