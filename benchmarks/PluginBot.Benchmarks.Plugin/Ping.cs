using MediatR;

namespace PluginBot.Benchmarks.Plugin;

/// <summary>The cheapest possible request: not audited, allowed to any user, rate limited like any other.</summary>
public static class Ping
{
    public sealed record Query(int Value) : IRequest<int>;

    public sealed class Handler : IRequestHandler<Query, int>
    {
        public Task<int> Handle(Query request, CancellationToken cancellationToken) => Task.FromResult(request.Value);
    }
}
