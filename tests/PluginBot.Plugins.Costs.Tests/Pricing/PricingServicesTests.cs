using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PluginBot.Plugins.Costs.Estimates;
using PluginBot.Plugins.Costs.Pricing;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Costs.Tests.Pricing;

public sealed class PricingServicesTests : IDisposable
{
    private readonly PriceSandbox _sandbox = new();

    [Fact]
    public void The_catalog_the_watcher_and_the_estimator_resolve_as_singletons()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddPricing(_sandbox.Section).AddEstimates();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.Same(provider.GetRequiredService<PriceCatalog>(), provider.GetRequiredService<PriceCatalog>());
        Assert.NotNull(provider.GetRequiredService<CostEstimator>());
        Assert.Contains(provider.GetServices<IHostedService>(), service => service is PriceFileWatcher);
    }

    [Fact]
    public async Task The_watcher_reloads_a_file_that_changed()
    {
        _sandbox.WritePriceFile(PriceSandbox.Entry("house-model", 1, 2));
        var time = new FakeTimeProvider();
        using var watcher = new PriceFileWatcher(_sandbox.Catalog, time, NullLogger<PriceFileWatcher>.Instance);
        await watcher.StartAsync(CancellationToken.None);

        File.WriteAllText(_sandbox.PricePath, PriceSandbox.Entry("house-model", 3, 6));

        await Eventually.UntilAsync(() =>
        {
            time.Advance(PriceFileWatcher.Interval);
            return _sandbox.Catalog.Find("gateway", "openai", "house-model", false).Price!.Rates.Input == 0.000003m;
        });
        await watcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Health_is_degraded_while_a_price_file_is_refused()
    {
        var check = new PriceCatalogHealthCheck(_sandbox.Catalog);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        _sandbox.WritePriceFile("{ \"m\": { \"input_cost_per_token\": \"abc\" } }");
        _sandbox.Catalog.Reload();
        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("line 1: \"input_cost_per_token\" of \"m\" must be a number, not \"abc\"", result.Description, StringComparison.Ordinal);
    }

    public void Dispose() => _sandbox.Dispose();
}
