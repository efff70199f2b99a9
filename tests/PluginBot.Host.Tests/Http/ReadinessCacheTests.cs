using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Http;

/// <summary>The real host with the gateway plugin pointed at a fake gateway that counts its model listings, on a fake clock.</summary>
public sealed class ReadinessCacheFixture() : GatewayHostFixture("sk-health-cache-0123", "gpt-test")
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public int Listings => Gateway.Requests.Count(r => r.Path == "/v1/models");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Plugins:Ollama:Enabled"] = "false",
        ["Kernel:Health:CacheSeconds"] = "30",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

public sealed class ReadinessCacheTests(ReadinessCacheFixture host) : IClassFixture<ReadinessCacheFixture>
{
    [Fact]
    public async Task A_flood_of_probes_lists_the_models_once_per_cache_period()
    {
        using var client = host.CreateClient();
        await ProbeAsync(client); // whatever an earlier probe left, the period starts now
        host.Clock.Advance(TimeSpan.FromSeconds(31));
        var before = host.Listings;

        var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => ProbeAsync(client)));

        Assert.All(statuses, s => Assert.Equal("Healthy", s));
        Assert.Equal(before + 1, host.Listings);

        host.Clock.Advance(TimeSpan.FromSeconds(29));
        await ProbeAsync(client);
        Assert.Equal(before + 1, host.Listings);

        host.Clock.Advance(TimeSpan.FromSeconds(2));
        await ProbeAsync(client);
        Assert.Equal(before + 2, host.Listings);
    }

    [Fact]
    public async Task An_admin_sees_the_cached_reason_of_the_endpoint()
    {
        using var client = host.CreateClient(host.AdminToken);

        using var body = JsonDocument.Parse(await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative)));

        var gateway = body.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "llm-gateway:gateway");
        Assert.Equal("Healthy", gateway.GetProperty("status").GetString());
        Assert.StartsWith("gateway at http://127.0.0.1:", gateway.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    private static async Task<string?> ProbeAsync(HttpClient client)
    {
        using var body = JsonDocument.Parse(await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative)));
        return body.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "llm-gateway:gateway").GetProperty("status").GetString();
    }
}
