using PluginBot.Plugins.Telegram.Sending;
using Telegram.Bot.Types;

namespace PluginBot.Plugins.Telegram.Updates;

/// <summary>Which queue an update joins: its chat and, in forums, its topic. Updates without a chat use the sender's id.</summary>
internal readonly record struct ConversationKey(long ChatId, int? ThreadId)
{
    public static ConversationKey Of(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var message = update.Message ?? update.EditedMessage ?? update.CallbackQuery?.Message as Message;
        if (message is not null)
        {
            var target = ChatTarget.Of(message);
            return new ConversationKey(target.ChatId, target.ThreadId);
        }

        if (update.StoppedMessageGeneration is { } stopped)
        {
            return new ConversationKey(stopped.Chat.Id, stopped.MessageThreadId);
        }

        return new ConversationKey(update.CallbackQuery?.From.Id ?? 0, null);
    }
}
