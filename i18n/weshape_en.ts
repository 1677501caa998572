<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>DownloadButtons</name>
    <message numerus="yes">
        <source>Download %Ln illustration(s) as SVG</source>
        <translation>
            <numerusform>Download %Ln illustration as SVG</numerusform>
            <numerusform>Download %Ln illustrations as SVG</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Download %Ln illustration(s) as PNG (%1 px)</source>
        <translation>
            <numerusform>Download %Ln illustration as PNG (%1 px)</numerusform>
            <numerusform>Download %Ln illustrations as PNG (%1 px)</numerusform>
        </translation>
    </message>
</context>
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
    <name>DragOut</name>
    <message numerus="yes">
        <source>Downloading %Ln illustration(s) to drop… (Escape cancels)</source>
        <translation>
            <numerusform>Downloading %Ln illustration to drop… (Escape cancels)</numerusform>
            <numerusform>Downloading %Ln illustrations to drop… (Escape cancels)</numerusform>
        </translation>
    </message>
</context>
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
</context>
<context>
    <name>LibraryTab</name>
    <message numerus="yes">
        <source>The library database was damaged. It was moved to %1 and a new one was built from the files in the library folder: %Ln illustration(s) recovered.</source>
        <translation>
            <numerusform>The library database was damaged. It was moved to %1 and a new one was built from the files in the library folder: %Ln illustration recovered.</numerusform>
            <numerusform>The library database was damaged. It was moved to %1 and a new one was built from the files in the library folder: %Ln illustrations recovered.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln illustration(s) in your library are missing from the library folder.</source>
        <translation>
            <numerusform>%Ln illustration in your library is missing from the library folder.</numerusform>
            <numerusform>%Ln illustrations in your library are missing from the library folder.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) in the library folder are not in your library yet.</source>
        <translation>
            <numerusform>%Ln file in the library folder is not in your library yet.</numerusform>
            <numerusform>%Ln files in the library folder are not in your library yet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln illustration(s) imported.</source>
        <translation>
            <numerusform>%Ln illustration imported.</numerusform>
            <numerusform>%Ln illustrations imported.</numerusform>
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
<context>
    <name>SelectionPanel</name>
    <message numerus="yes">
        <source>%Ln illustration(s) selected</source>
        <translation>
            <numerusform>%Ln illustration selected</numerusform>
            <numerusform>%Ln illustrations selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncPrompts</name>
    <message numerus="yes">
        <source>%Ln illustration(s) in the library on this computer will join your account %1 and sync with your other computers.</source>
        <translation>
            <numerusform>%Ln illustration in the library on this computer will join your account %1 and sync with your other computers.</numerusform>
            <numerusform>%Ln illustrations in the library on this computer will join your account %1 and sync with your other computers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merge: its %Ln illustration(s) join %1 and sync with it. Keep apart: this library is not synced while you are signed in as %1; to merge it later, choose Account → Sync now.</source>
        <translation>
            <numerusform>Merge: its %Ln illustration joins %1 and syncs with it. Keep apart: this library is not synced while you are signed in as %1; to merge it later, choose Account → Sync now.</numerusform>
            <numerusform>Merge: its %Ln illustrations join %1 and sync with it. Keep apart: this library is not synced while you are signed in as %1; to merge it later, choose Account → Sync now.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message numerus="yes">
        <source>%Ln change(s) pending</source>
        <translation>
            <numerusform>%Ln change pending</numerusform>
            <numerusform>%Ln changes pending</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln change(s) will sync when the server can be reached.</source>
        <translation>
            <numerusform>%Ln change will sync when the server can be reached.</numerusform>
            <numerusform>%Ln changes will sync when the server can be reached.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Synced %Ln min ago</source>
        <translation>
            <numerusform>Synced %Ln min ago</numerusform>
            <numerusform>Synced %Ln min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Synced %Ln hour(s) ago</source>
        <translation>
            <numerusform>Synced %Ln hour ago</numerusform>
            <numerusform>Synced %Ln hours ago</numerusform>
        </translation>
    </message>
</context>
</TS>
