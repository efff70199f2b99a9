using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Ollama.Tests;

public sealed class ListingAndReadinessTests
{
    [Fact]
    public async Task Listing_models_returns_what_Ollama_has_pulled()
    {
        await using var fake = new FakeOllamaServer { Models = ["qwen2.5:7b", "llama3.2:latest"] };
        await fake.StartAsync();
        using var harness = OllamaHarness.Start(fake.BaseAddress);

        var models = await harness.Endpoint.ListModelsAsync(CancellationToken.None);

        Assert.Equal(["llama3.2:latest", "qwen2.5:7b"], models);
        Assert.Contains(fake.Requests, r => r.Path == "/api/tags");
    }

    [Fact]
    public async Task A_running_Ollama_is_ready_and_its_version_is_named()
    {
        await using var fake = new FakeOllamaServer { Version = "0.12.6" };
        await fake.StartAsync();
        using var harness = OllamaHarness.Start(fake.BaseAddress);

        var readiness = await harness.Endpoint.CheckReadyAsync(CancellationToken.None);

        Assert.True(readiness.Ready, readiness.Detail);
        Assert.Contains("0.12.6", readiness.Detail, StringComparison.Ordinal);
        Assert.Contains(fake.Requests, r => r.Path == "/api/version");
    }

    [Fact]
    public async Task Nothing_listening_on_the_port_is_not_ready_and_says_how_to_start_Ollama()
    {
        var closed = OllamaHarness.ClosedPort();
        using var harness = OllamaHarness.Start(closed);

        var readiness = await harness.Endpoint.CheckReadyAsync(CancellationToken.None);

        Assert.False(readiness.Ready);
        Assert.Contains(closed.ToString(), readiness.Detail, StringComparison.Ordinal);
        Assert.Contains("ollama serve", readiness.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_health_check_is_healthy_while_Ollama_answers()
    {
        await using var fake = new FakeOllamaServer();
        await fake.StartAsync();
        using var harness = OllamaHarness.Start(fake.BaseAddress);

        var report = await harness.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries["server"].Status);
    }

    [Fact]
    public async Task The_health_check_is_degraded_when_Ollama_is_down_and_names_the_url()
    {
        var closed = OllamaHarness.ClosedPort();
        using var harness = OllamaHarness.Start(closed);

        var report = await harness.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries["server"];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Contains(closed.ToString(), entry.Description, StringComparison.Ordinal);
    }
}
