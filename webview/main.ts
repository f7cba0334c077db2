/** The Compare webview's front end; it talks to the extension only through its protocol. */
export {};
