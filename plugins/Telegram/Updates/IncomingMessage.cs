using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace PluginBot.Plugins.Telegram.Updates;

/// <summary>
/// What a message asks of the bot: a command line, text to chat about, or something the bot cannot read yet. In
/// groups only commands (not addressed to another bot), mentions of the bot and replies to it count.
/// </summary>
internal sealed record IncomingMessage(string? CommandLine, string? Text, string? UnsupportedKind)
{
    public static IncomingMessage? Read(Message message, string? botUsername, long botId)
    {
        ArgumentNullException.ThrowIfNull(message);
        var isPrivate = message.Chat.Type == ChatType.Private;
        var text = message.Text;
        var entities = message.Entities ?? [];
        if (text is not null && entities.FirstOrDefault() is { Type: MessageEntityType.BotCommand, Offset: 0 } command)
        {
            var name = text[..command.Length];
            var at = name.IndexOf('@', StringComparison.Ordinal);
            if (at >= 0)
            {
                if (!string.Equals(name[(at + 1)..], botUsername, StringComparison.OrdinalIgnoreCase))
                {
                    return null; // for another bot in this group
                }

                name = name[..at];
            }

            return new IncomingMessage(name.ToLowerInvariant() + text[command.Length..], null, null);
        }

        var repliesToBot = message.ReplyToMessage?.From?.Id == botId;
        var caption = message.Caption;
        var mentioned = Mentions(text ?? caption, text is not null ? entities : message.CaptionEntities ?? [], botUsername);
        var addressed = isPrivate || repliesToBot || mentioned;
        if (!addressed)
        {
            return null;
        }

        if (text is not null)
        {
            var clean = StripMention(text, botUsername).Trim();
            return clean.Length == 0 ? null : new IncomingMessage(null, clean, null);
        }

        return new IncomingMessage(null, null, KindOf(message));
    }

    private static bool Mentions(string? text, MessageEntity[] entities, string? botUsername) =>
        text is not null && botUsername is not null && entities.Any(e =>
            e.Type == MessageEntityType.Mention &&
            e.Offset + e.Length <= text.Length &&
            string.Equals(text.Substring(e.Offset + 1, e.Length - 1), botUsername, StringComparison.OrdinalIgnoreCase));

    private static string StripMention(string text, string? botUsername) =>
        botUsername is null ? text : text.Replace("@" + botUsername, "", StringComparison.OrdinalIgnoreCase);

    private static string KindOf(Message message) => message.Type switch
    {
        MessageType.Photo => "photos",
        MessageType.Voice => "voice messages",
        MessageType.Audio => "audio files",
        MessageType.Video => "videos",
        MessageType.VideoNote => "video notes",
        MessageType.Document => "documents",
        MessageType.Sticker => "stickers",
        MessageType.Animation => "GIFs",
        MessageType.Location => "locations",
        MessageType.Contact => "contacts",
        MessageType.Poll => "polls",
        _ => "this kind of message",
    };
}
