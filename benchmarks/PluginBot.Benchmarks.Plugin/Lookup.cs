using MediatR;
using PluginBot.Abstractions.Settings;

namespace PluginBot.Benchmarks.Plugin;

/// <summary>A request with a realistic handler: one indexed read from the SQLite settings table.</summary>
public static class Lookup
{
    public sealed record Query(int Value) : IRequest<int>;

    public sealed class Handler(ISettingsStore settings) : IRequestHandler<Query, int>
    {
        public async Task<int> Handle(Query request, CancellationToken cancellationToken)
        {
            var stored = await settings.GetAsync(SettingKeys.Model, new SettingScope.Bot(), cancellationToken);
            return stored is null ? request.Value : request.Value + 1;
        }
    }
}
