using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.Models.Resolution;

/// <summary>
/// Turns a model name — an alias, <c>endpoint:model</c>, or a bare model on the default endpoint — into a
/// reference, and checks the aliases and fallbacks for cycles and unknown endpoints.
/// </summary>
internal sealed partial class ModelNames(ModelsSettings settings, IReadOnlyCollection<string> endpoints)
{
    public (ModelReference Reference, string? Alias) Resolve(string name)
    {
        var seen = new List<string>();
        var current = name.Trim();
        string? alias = null;
        while (settings.Aliases.TryGetValue(current, out var target))
        {
            if (seen.Contains(current, StringComparer.OrdinalIgnoreCase))
            {
                throw new ModelNotAvailableException($"Alias cycle {string.Join(" → ", seen.Append(current))}: fix Plugins:Models:Aliases so each alias ends at an endpoint:model.");
            }

            seen.Add(current);
            alias ??= current;
            current = target;
        }

        if (ModelReference.TryParse(current, out var reference) && EndpointName().IsMatch(reference.Endpoint))
        {
            var endpoint = endpoints.FirstOrDefault(e => string.Equals(e, reference.Endpoint, StringComparison.OrdinalIgnoreCase))
                ?? throw new ModelNotAvailableException($"Unknown endpoint '{reference.Endpoint}' in '{current}': configured endpoints are {Describe(endpoints)}. Write endpoint:model, e.g. {Example(endpoints)}:{current}, or run `pluginbot models`.");
            return (reference with { Endpoint = endpoint }, alias);
        }

        // A bare model ("gpt-4o", "qwen2.5", "meta-llama/llama-3.1-8b-instruct:free") runs on LLM_PROVIDER's endpoint.
        var provider = settings.Provider is { } p ? endpoints.FirstOrDefault(e => string.Equals(e, p, StringComparison.OrdinalIgnoreCase)) : null;
        return provider is not null
            ? (new ModelReference(provider, current), alias)
            : throw new ModelNotAvailableException($"Model '{current}' is not an alias and names no endpoint, and LLM_PROVIDER names no active endpoint: write it as endpoint:model, e.g. {Example(endpoints)}:{current}.");
    }

    /// <summary>
    /// The fallback chain configured for a name (<c>Plugins:Models:Fallbacks:&lt;alias&gt;</c>; configuration keys cannot hold
    /// a colon, so chains hang off aliases), resolved in turn, without the primary.
    /// </summary>
    public IReadOnlyList<(ModelReference Reference, string? Alias)> FallbacksFor(string name, ModelReference primary)
    {
        if (!settings.Fallbacks.TryGetValue(name, out var chain))
        {
            return [];
        }

        return [.. chain.Select(Resolve).Where(f => f.Reference != primary)];
    }

    /// <summary>Every alias and fallback problem, one line each (for `config check`).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var key in settings.Fallbacks.Keys.Where(k => !settings.Aliases.ContainsKey(k)))
        {
            problems.Add($"Plugins:Models:Fallbacks:{key} is not an alias: fallback chains belong to an alias (Plugins:Models:Aliases:{key} = endpoint:model), since configuration keys cannot contain ':'.");
        }

        foreach (var name in settings.Aliases.Keys.Concat(settings.Fallbacks.Values.SelectMany(v => v)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            try
            {
                Resolve(name);
            }
            catch (ModelNotAvailableException ex) when (!problems.Contains(ex.Message))
            {
                problems.Add(ex.Message);
            }
        }

        if (settings.Provider is { } provider && !endpoints.Contains(provider, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"LLM_PROVIDER (Plugins:Models:Provider) = '{provider}' names no active endpoint: active endpoints are {Describe(endpoints)}.");
        }

        return problems;
    }

    private static string Describe(IReadOnlyCollection<string> endpoints) => endpoints.Count == 0 ? "none (no provider plugin is active)" : string.Join(", ", endpoints);

    private static string Example(IReadOnlyCollection<string> endpoints) => endpoints.FirstOrDefault() ?? "gateway";

    /// <summary>What can be an endpoint name: so "qwen2.5:7b" or "org/model:free" read as bare models.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial System.Text.RegularExpressions.Regex EndpointName();
}
