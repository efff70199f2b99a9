using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Models.Routing;

namespace PluginBot.Plugins.Models.Resolution;

/// <summary>The active endpoints, their clients (one per model, shared), and the configured names.</summary>
internal sealed class LlmEndpoints
{
    private readonly ConcurrentDictionary<ModelReference, IChatClient> _clients = new();
    private readonly ModelsSettings _settings;

    public LlmEndpoints(IEnumerable<ILlmEndpoint> endpoints, ModelsSettings settings)
    {
        _settings = settings;
        All = [.. endpoints.GroupBy(e => e.Name, StringComparer.OrdinalIgnoreCase).Select(g => g.First())];
        Names = new ModelNames(settings, [.. All.Select(e => e.Name)]);
    }

    public IReadOnlyList<ILlmEndpoint> All { get; }

    public ModelNames Names { get; }

    public RouteTarget Target(ModelReference reference)
    {
        var endpoint = All.First(e => string.Equals(e.Name, reference.Endpoint, StringComparison.OrdinalIgnoreCase));
        return new RouteTarget(reference, endpoint, _clients.GetOrAdd(reference, r => endpoint.CreateClient(r.Model)));
    }

    public string? ProviderDefault() =>
        All.FirstOrDefault(e => string.Equals(e.Name, _settings.Provider, StringComparison.OrdinalIgnoreCase)) is { DefaultModel: { } model } endpoint
            ? $"{endpoint.Name}:{model}"
            : null;

    public IReadOnlyList<string> AliasesOf(ModelReference reference) =>
        [.. AliasTargets().Where(a => a.Reference == reference).Select(a => a.Alias)];

    public IEnumerable<(string Alias, ModelReference Reference)> AliasTargets()
    {
        foreach (var alias in _settings.Aliases.Keys)
        {
            ModelReference reference;
            try
            {
                reference = Names.Resolve(alias).Reference;
            }
            catch (ModelNotAvailableException)
            {
                continue;
            }

            yield return (alias, reference);
        }
    }
}
