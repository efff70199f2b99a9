using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Chat.Answering;
using PluginBot.Plugins.Chat.Storage;

namespace PluginBot.Plugins.Chat.Features;

/// <summary>The Retry button under a failed answer: asks the conversation's last question again.</summary>
public static class RetryAnswer
{
    /// <param name="ConversationId">The conversation that failed; a retry after /new or /forget finds nothing to retry.</param>
    /// <param name="Conversation">Where to answer.</param>
    /// <param name="UserId">Whose conversation it is.</param>
    public sealed record Command(long ConversationId, ConversationReference Conversation, long UserId) : IRequest<Reply>;

    internal sealed class Handler(AnswerRunner runner, IActorAccessor actor) : IRequestHandler<Command, Reply>
    {
        public Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var presser = actor.Current ?? throw new InvalidOperationException("The pipeline lets no request through without an actor.");
            var key = ConversationKey.Of(request.Conversation, request.UserId);
            runner.Enqueue(new TurnRequest(key, request.Conversation, presser, Text: null, RetryOf: request.ConversationId));
            return Task.FromResult(Reply.None);
        }
    }
}
