using MediatR;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Host.Commands;

/// <summary><c>/start</c>: the greeting a messenger sends when someone opens the bot for the first time.</summary>
public static class Start
{
    [NotRateLimited]
    public sealed record Command : IRequest<Reply>;

    public static readonly CommandDescriptor Descriptor = new("start", "Start talking to the bot", "", [], (_, _) => new Command());

    internal sealed class Handler : IRequestHandler<Command, Reply>
    {
        public Task<Reply> Handle(Command request, CancellationToken cancellationToken) =>
            Task.FromResult(Reply.Plain("Hello! I run LLM work for this team. Send /help to see what I can do."));
    }
}
