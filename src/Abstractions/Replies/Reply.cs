namespace PluginBot.Abstractions.Replies;

/// <summary>How a reply's text is to be read by the transport.</summary>
public enum TextFormat
{
    /// <summary>Shown as it is.</summary>
    Plain,

    /// <summary>Markdown; the transport converts it to what its client renders.</summary>
    Markdown,
}

/// <summary>A button under a reply: either a server-side action token or a link.</summary>
/// <param name="Label">Text on the button.</param>
/// <param name="ActionToken">A token from <see cref="IButtonTokens"/> (<c>cb:…</c>), or null for a link button.</param>
/// <param name="Url">The link, for link buttons.</param>
public sealed record ReplyButton(string Label, string? ActionToken = null, Uri? Url = null);

/// <summary>The kind of a file sent with a reply.</summary>
public enum AttachmentKind
{
    /// <summary>An image shown inline.</summary>
    Photo,

    /// <summary>A file to download.</summary>
    Document,
}

/// <summary>A file sent with a reply.</summary>
/// <param name="Kind">Photo or document.</param>
/// <param name="FileName">The file name shown to the user.</param>
/// <param name="Content">The bytes.</param>
public sealed record ReplyAttachment(AttachmentKind Kind, string FileName, ReadOnlyMemory<byte> Content);

/// <summary>A transport-neutral reply: text, optional buttons (rows), optional file.</summary>
/// <param name="Text">The text (the caption when there is an attachment).</param>
/// <param name="Format">How to read <paramref name="Text"/>.</param>
public sealed record Reply(string Text, TextFormat Format = TextFormat.Markdown)
{
    /// <summary>Button rows, top to bottom.</summary>
    public IReadOnlyList<IReadOnlyList<ReplyButton>> Buttons { get; init; } = [];

    /// <summary>An optional photo or document.</summary>
    public ReplyAttachment? Attachment { get; init; }

    /// <summary>
    /// For a reply to a button press: replace the message that carried the button (a picker becomes its answer)
    /// instead of sending a new one.
    /// </summary>
    public bool ReplacesOrigin { get; init; }

    /// <summary>
    /// The request could not be done and this says why (refused, not found, bad input). A transport may show it
    /// differently, for instance as an alert on the button that was pressed rather than as a message in the chat.
    /// </summary>
    public bool IsProblem { get; init; }

    /// <summary>
    /// For the sender's eyes only (an admin's listing of users, plugins, everyone's tasks or spend): sent in a shared
    /// conversation, the host delivers it to the sender's private conversation instead and answers in the shared one
    /// with a short note. Since host API 1.5.
    /// </summary>
    public bool ForSenderOnly { get; init; }

    /// <summary>Nothing more to send: the handler has already answered (a streamed answer, for instance).</summary>
    public static Reply None { get; } = new("", TextFormat.Plain);

    /// <summary>True for <see cref="None"/>: the transport sends nothing.</summary>
    public bool IsNone => ReferenceEquals(this, None);

    /// <summary>A plain-text reply saying why the request could not be done.</summary>
    public static Reply Problem(string text) => new(text, TextFormat.Plain) { IsProblem = true };

    /// <summary>A plain-text reply.</summary>
    public static Reply Plain(string text) => new(text, TextFormat.Plain);

    /// <summary>A Markdown reply.</summary>
    public static Reply Markdown(string text) => new(text);
}

/// <summary>A short "working" signal a transport shows while a reply is being prepared.</summary>
public enum ActivityKind
{
    /// <summary>Typing.</summary>
    Typing,

    /// <summary>Preparing a photo.</summary>
    UploadingPhoto,

    /// <summary>Preparing a document.</summary>
    UploadingDocument,
}
