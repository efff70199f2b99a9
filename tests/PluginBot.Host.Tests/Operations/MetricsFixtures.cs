using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Operations;

/// <summary>A host with a separate metrics token, beside the admin token every fixture has.</summary>
public sealed class MetricsTokenHostFixture : HostFixture
{
    public const string MetricsToken = "metrics-token-0123456789abcdef";

    protected override IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?> { ["Kernel:Metrics:Token"] = MetricsToken };
}

/// <summary>A host with neither an admin token nor a metrics token.</summary>
public sealed class TokenlessHostFixture : HostFixture
{
    protected override IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?> { ["Kernel:Http:AdminToken"] = "" };
}
