using System.Text;
using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Host.Commands;

/// <summary><c>/help</c>, generated from the command registry; admins also see admin commands.</summary>
public static class Help
{
    [NotRateLimited]
    public sealed record Command : IRequest<Reply>;

    public static readonly CommandDescriptor Descriptor = new("help", "Show the commands", "", [], (_, _) => new Command());

    internal sealed class Handler(ICommandDispatcher commands, IActorAccessor actor) : IRequestHandler<Command, Reply>
    {
        public Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var privileged = actor.Current?.IsPrivileged == true;
            var text = new StringBuilder("Commands:\n");
            foreach (var command in commands.Commands.Where(c => privileged || !c.AdminOnly))
            {
                text.Append('/').Append(command.Name);
                if (command.Usage.Length > 0)
                {
                    text.Append(' ').Append(command.Usage);
                }

                text.Append(" — ").AppendLine(command.Description);
            }

            return Task.FromResult(Reply.Plain(text.ToString().TrimEnd()));
        }
    }
}
