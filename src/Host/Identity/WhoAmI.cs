using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Host.Identity;

/// <summary><c>/whoami</c>: the caller's id and role, which is what an admin needs to allow or promote them.</summary>
public static class WhoAmI
{
    [NotRateLimited]
    public sealed record Command : IRequest<Reply>;

    public static readonly CommandDescriptor Descriptor = new("whoami", "Show your user id and role", "", [], (_, _) => new Command());

    internal sealed class Handler(IActorAccessor actor) : IRequestHandler<Command, Reply>
    {
        public Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var current = actor.Current ?? throw new InvalidOperationException("The pipeline runs every request as an actor.");
            var role = current.Kind switch
            {
                ActorKind.Admin => "an admin",
                ActorKind.System => "the system",
                _ => "an allowed user",
            };
            return Task.FromResult(Reply.Plain($"You are {current.Id} on {current.Transport}, {role}."));
        }
    }
}
