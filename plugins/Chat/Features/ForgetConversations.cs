using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;
using PluginBot.Plugins.Chat.Answering;
using PluginBot.Plugins.Chat.Storage;

namespace PluginBot.Plugins.Chat.Features;

/// <summary><c>/forget</c>: deletes every stored conversation of the sender, in all chats.</summary>
public static class ForgetConversations
{
    public static readonly CommandDescriptor Descriptor = new(
        "forget", "Delete all your stored conversations (all chats)", "", [], (_, _) => new Command());

    [Audited]
    public sealed record Command : IRequest<Reply>;

    internal sealed class Handler(AnswerRunner runner, ConversationStore store, IActorAccessor actor) : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var userId = actor.Current!.Id;
            var deleted = (Conversations: 0, Messages: 0);
            await runner.ResetUserAsync(userId, async () => deleted = await store.DeleteAllAsync(userId, cancellationToken));
            return Reply.Plain(deleted.Conversations == 0
                ? "There was nothing to forget."
                : $"Deleted {Count(deleted.Messages, "message")} in {Count(deleted.Conversations, "conversation")}.");
        }

        private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
    }
}
