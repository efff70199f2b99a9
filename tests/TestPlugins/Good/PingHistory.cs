using MediatR;

namespace PluginBot.TestPlugins.Good;

/// <summary>Every ping text recorded so far, oldest first.</summary>
public static class PingHistory
{
    public sealed record Query : IRequest<IReadOnlyList<string>>;

    public sealed class Handler(PingLog log) : IRequestHandler<Query, IReadOnlyList<string>>
    {
        public Task<IReadOnlyList<string>> Handle(Query request, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>([.. log.Texts]);
    }
}
