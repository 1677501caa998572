<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%Ln illustration(s)</source>
        <translation>
            <numerusform>%Ln illustration</numerusform>
            <numerusform>%Ln illustrations</numerusform>
        </translation>
    </message>
</context>
</TS>
