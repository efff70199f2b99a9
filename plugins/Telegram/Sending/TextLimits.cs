namespace PluginBot.Plugins.Telegram.Sending;

/// <summary>Fits text into a Bot API field's length without splitting an emoji (a surrogate pair) in two.</summary>
internal static class TextLimits
{
    public static string Truncate(string text, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= limit)
        {
            return text;
        }

        var cut = limit - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + "…";
    }
}
