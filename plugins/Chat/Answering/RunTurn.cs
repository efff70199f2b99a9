using MediatR;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Plugins.Chat.Answering;

/// <summary>
/// One turn, sent as its asker through the pipeline: the allow-list is checked again when the turn starts (it may have
/// waited behind others), and the answer's model calls run as the asker. The message was rate-limited when it came in.
/// </summary>
/// <param name="Turn">The turn.</param>
[NotRateLimited]
internal sealed record RunTurn(TurnRequest Turn) : IRequest<bool>;

internal sealed class RunTurnHandler(AnswerTurn answer) : IRequestHandler<RunTurn, bool>
{
    public Task<bool> Handle(RunTurn request, CancellationToken cancellationToken) => answer.RunAsync(request.Turn, cancellationToken);
}
