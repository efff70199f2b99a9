using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Telegram.Client;
using PluginBot.Plugins.Telegram.Sending;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace PluginBot.Plugins.Telegram.Updates;

/// <summary>
/// Whether a user administers a Telegram chat, from <c>getChatMember</c> (creator and administrator count), remembered
/// for a minute so a burst of commands asks once. A private chat's id is its user's, so it needs no call. When Telegram
/// cannot answer, the user counts as a member and the answer is not remembered.
/// </summary>
internal sealed partial class ChatAdministrators(TelegramBot bot, TimeProvider time, ILogger<ChatAdministrators> logger) : IConversationRoleTransport
{
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(long Chat, long User), (ConversationRole Role, DateTimeOffset At)> _known = new();

    public string Transport => TelegramTransport.TransportName;

    public async Task<ConversationRole> RoleOfAsync(ConversationReference conversation, long userId, CancellationToken cancellationToken)
    {
        var chat = ChatTarget.From(conversation).ChatId;
        if (chat == userId)
        {
            return ConversationRole.Private;
        }

        var now = time.GetUtcNow();
        if (_known.TryGetValue((chat, userId), out var known) && now - known.At < Remembered)
        {
            return known.Role;
        }

        ConversationRole role;
        try
        {
            var member = await bot.Client.GetChatMember(chat, userId, cancellationToken);
            role = member.IsAdmin ? ConversationRole.Administrator : ConversationRole.Member;
        }
        catch (RequestException ex)
        {
            LogLookupFailed(userId, chat, ex.Message);
            return ConversationRole.Member;
        }

        _known[(chat, userId)] = (role, now);
        if (_known.Count > 10_000)
        {
            foreach (var stale in _known.Where(k => now - k.Value.At >= Remembered).Select(k => k.Key).ToList())
            {
                _known.TryRemove(stale, out _);
            }
        }

        return role;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask Telegram whether user {UserId} administers chat {ChatId} ({Reason}); they count as a member")]
    private partial void LogLookupFailed(long userId, long chatId, string reason);
}
