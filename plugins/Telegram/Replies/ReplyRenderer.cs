using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Telegram.Rendering;
using Telegram.Bot.Types.ReplyMarkups;

namespace PluginBot.Plugins.Telegram.Replies;

/// <summary>Turns a transport-neutral reply into Telegram HTML chunks and an inline keyboard.</summary>
internal static class ReplyRenderer
{
    public const int MessageLimit = 4096;
    public const int CaptionLimit = 1024;

    public static string Html(Reply reply) => Html(reply.Text, reply.Format);

    public static string Html(string text, TextFormat format, bool partial = false) =>
        format == TextFormat.Markdown ? TelegramHtml.FromMarkdown(text, partial) : TelegramHtml.Escape(text);

    public static IReadOnlyList<string> Chunks(string html) =>
        html.Length == 0 ? [] : MessageSplitter.Split(html, MessageLimit);

    /// <summary>The messages to send for a reply: Telegram refuses empty text, so an empty reply shows "…".</summary>
    public static IReadOnlyList<string> MessageChunks(string html) => Chunks(html) is { Count: > 0 } chunks ? chunks : ["…"];

    public static InlineKeyboardMarkup? Keyboard(IReadOnlyList<IReadOnlyList<ReplyButton>> rows)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        return new InlineKeyboardMarkup(rows.Select(row => row.Select(Button)));
    }

    private static InlineKeyboardButton Button(ReplyButton button) =>
        button.Url is { } url
            ? InlineKeyboardButton.WithUrl(button.Label, url.ToString())
            : InlineKeyboardButton.WithCallbackData(button.Label, button.ActionToken ?? throw new ArgumentException($"The button '{button.Label}' has neither an action token nor a link.", nameof(button)));
}
