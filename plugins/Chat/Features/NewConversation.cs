using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Chat.Answering;
using PluginBot.Plugins.Chat.Storage;

namespace PluginBot.Plugins.Chat.Features;

/// <summary><c>/new</c>: stops an answer in progress and starts a fresh conversation in this chat.</summary>
public static class NewConversation
{
    public static readonly CommandDescriptor Descriptor = new(
        "new", "Start a new conversation (stops an answer in progress)", "", [], (_, context) => new Command(context.Conversation));

    public sealed record Command(ConversationReference Conversation) : IRequest<Reply>;

    internal sealed class Handler(AnswerRunner runner, ConversationStore store, IActorAccessor actor) : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var key = ConversationKey.Of(request.Conversation, actor.Current!.Id);
            // Ended only after the stopped answer has stored what it showed, so nothing of it leaks into the new one.
            var stopped = await runner.ResetAsync(key, () => store.EndAsync(key, cancellationToken));
            return Reply.Plain(stopped
                ? "Stopped the answer in progress. New conversation started."
                : "New conversation started.");
        }
    }
}
