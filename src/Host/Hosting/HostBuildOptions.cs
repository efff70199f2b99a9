namespace PluginBot.Host.Hosting;

/// <summary>How to build a host: the CLI uses the defaults; the test kit and benchmarks override.</summary>
internal sealed record HostBuildOptions
{
    /// <summary>Configuration arguments (<c>--Key=Value</c>).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Values applied last, above everything else.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>The <c>.env</c> file to read, or null for none.</summary>
    public string? DotEnvPath { get; init; } = ".env";

    /// <summary>Read the process environment (tests turn it off to stay hermetic).</summary>
    public bool UseEnvironment { get; init; } = true;

    /// <summary>Extra log destinations, used from the first line (plugin loading) on; tests capture logs here.</summary>
    public IReadOnlyList<Microsoft.Extensions.Logging.ILoggerProvider> LoggerProviders { get; init; } = [];

    /// <summary>Extra services, applied after the kernel's and the plugins' (tests register their handlers).</summary>
    public Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? Configure { get; init; }
}
