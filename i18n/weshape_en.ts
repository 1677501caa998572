<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>LibraryActions</name>
    <message numerus="yes">
        <source>%Ln file(s) could not be deleted. Check that you may change the library folder, then delete them there by hand.</source>
        <translation>
            <numerusform>%Ln file could not be deleted. Check that you may change the library folder, then delete it there by hand.</numerusform>
            <numerusform>%Ln files could not be deleted. Check that you may change the library folder, then delete them there by hand.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) outside the library folder were kept.</source>
        <translation>
            <numerusform>%Ln file outside the library folder was kept.</numerusform>
            <numerusform>%Ln files outside the library folder were kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tag for %Ln illustration(s):</source>
        <translation>
            <numerusform>Tag for %Ln illustration:</numerusform>
            <numerusform>Tag for %Ln illustrations:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %Ln illustration(s) to a collection, or type a new name:</source>
        <translation>
            <numerusform>Add %Ln illustration to a collection, or type a new name:</numerusform>
            <numerusform>Add %Ln illustrations to a collection, or type a new name:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message numerus="yes">
        <source>%Ln selected</source>
        <translation>
            <numerusform>%Ln selected</numerusform>
            <numerusform>%Ln selected</numerusform>
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
<context>
    <name>RemovalDialog</name>
    <message numerus="yes">
        <source>Remove %Ln illustration(s) from your library?</source>
        <translation>
            <numerusform>Remove %Ln illustration from your library?</numerusform>
            <numerusform>Remove %Ln illustrations from your library?</numerusform>
        </translation>
    </message>
</context>
</TS>
