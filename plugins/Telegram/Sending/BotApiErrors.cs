using PluginBot.Abstractions.Errors;
using Telegram.Bot.Exceptions;

namespace PluginBot.Plugins.Telegram.Sending;

/// <summary>The Bot API answers the sender treats specially, recognised by code and Telegram's wording.</summary>
internal static class BotApiErrors
{
    public static bool IsFlood(ApiRequestException ex) => ex.ErrorCode == 429;

    public static bool IsNotModified(ApiRequestException ex) =>
        ex.ErrorCode == 400 && ex.Message.Contains("message is not modified", StringComparison.OrdinalIgnoreCase);

    public static bool IsEntityError(ApiRequestException ex) =>
        ex.ErrorCode == 400 && ex.Message.Contains("can't parse entities", StringComparison.OrdinalIgnoreCase);

    /// <summary>The chat cannot be written to: blocked, kicked, deactivated or unknown.</summary>
    public static bool IsUnreachable(ApiRequestException ex) =>
        ex.ErrorCode == 403 || (ex.ErrorCode == 400 && ex.Message.Contains("chat not found", StringComparison.OrdinalIgnoreCase));

    public static bool IsMissingMethod(ApiRequestException ex) => ex.ErrorCode == 404;

    /// <summary>A network failure or a server error: the same call may well succeed a moment later.</summary>
    public static bool IsTransient(RequestException ex) =>
        ex is ApiRequestException api ? api.ErrorCode >= 500 : true;
}

/// <summary>Telegram refuses to deliver to the chat (the user blocked the bot, the bot left the group, ...).</summary>
internal sealed class ChatUnreachableException(long chatId, string reason, Exception inner)
    : PluginBotException($"The bot cannot write to chat {chatId}: {reason}", inner)
{
    public long ChatId { get; } = chatId;
}
