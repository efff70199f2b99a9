using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Plugins.Telegram.Replies;

/// <summary>
/// The Stop button under a streamed answer, and the stop button of a draft: only the person the answer is for, or an
/// admin, may stop it. Both arrive as updates and go through the kernel's pipeline like any command.
/// </summary>
public static class StopAnswer
{
    [Access(AccessLevel.Owner)]
    public sealed record Command(string LiveReplyId) : IRequest<Reply>;

    internal sealed class Handler(LiveReplies replies) : IRequestHandler<Command, Reply>
    {
        public Task<Reply> Handle(Command request, CancellationToken cancellationToken) =>
            Task.FromResult(replies.Stop(request.LiveReplyId) ? Reply.None : Reply.Problem("That answer has already finished."));
    }

    internal sealed class Authorizer(LiveReplies replies) : IRequestAuthorizer<Command>
    {
        // An answer that has finished has no owner left to protect; the handler says it is over.
        public ValueTask<bool> IsOwnerAsync(Command request, Actor actor, CancellationToken cancellationToken) =>
            ValueTask.FromResult(replies.OwnerOf(request.LiveReplyId) is not { } owner || owner == actor.Id);
    }
}
