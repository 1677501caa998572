<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>DownloadsDock</name>
    <message numerus="yes">
        <source>%1 of %Ln downloading — %2</source>
        <translation>
            <numerusform>%1 of %Ln downloading — %2</numerusform>
            <numerusform>%1 of %Ln downloading — %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Waiting for the network to continue %Ln download(s)…</source>
        <translation>
            <numerusform>Waiting for the network to continue %Ln download…</numerusform>
            <numerusform>Waiting for the network to continue %Ln downloads…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln download(s) queued</source>
        <translation>
            <numerusform>%Ln download queued</numerusform>
            <numerusform>%Ln downloads queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln download(s) paused</source>
        <translation>
            <numerusform>%Ln download paused</numerusform>
            <numerusform>%Ln downloads paused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln download(s) failed</source>
        <translation>
            <numerusform>%Ln download failed</numerusform>
            <numerusform>%Ln downloads failed</numerusform>
        </translation>
    </message>
</context>
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
