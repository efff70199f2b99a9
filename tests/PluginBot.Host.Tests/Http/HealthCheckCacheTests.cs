using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using PluginBot.Host.Http;

namespace PluginBot.Host.Tests.Http;

public sealed class HealthCheckCacheTests
{
    private readonly FakeTimeProvider _clock = new();
    private int _runs;

    [Fact]
    public async Task Callers_that_come_while_a_check_runs_share_its_one_run()
    {
        var cache = new HealthCheckCache(_clock, TimeSpan.FromSeconds(30));
        var release = new TaskCompletionSource<HealthCheckResult>(TaskCreationOptions.RunContinuationsAsynchronously);

        var waiting = Enumerable.Range(0, 10).Select(_ => cache.GetAsync("remote", _ => Run(release.Task), HealthStatus.Degraded, CancellationToken.None)).ToList();
        release.SetResult(HealthCheckResult.Healthy("up"));
        var results = await Task.WhenAll(waiting);

        Assert.Equal(1, _runs);
        Assert.All(results, r => Assert.Equal("up", r.Description));
    }

    [Fact]
    public async Task A_failure_is_kept_as_long_as_a_success_so_a_down_service_is_not_hammered()
    {
        var cache = new HealthCheckCache(_clock, TimeSpan.FromSeconds(30));

        var first = await cache.GetAsync("remote", _ => Run(Task.FromException<HealthCheckResult>(new HttpRequestException("refused"))), HealthStatus.Degraded, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(29));
        var second = await cache.GetAsync("remote", _ => Run(Task.FromResult(HealthCheckResult.Healthy())), HealthStatus.Degraded, CancellationToken.None);

        Assert.Equal(HealthStatus.Degraded, first.Status);
        Assert.Equal("refused", first.Description);
        Assert.Same(first.Exception, second.Exception);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task After_the_period_the_check_runs_again()
    {
        var cache = new HealthCheckCache(_clock, TimeSpan.FromSeconds(30));
        await cache.GetAsync("remote", _ => Run(Task.FromResult(HealthCheckResult.Healthy("one"))), HealthStatus.Degraded, CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(30));
        var later = await cache.GetAsync("remote", _ => Run(Task.FromResult(HealthCheckResult.Healthy("two"))), HealthStatus.Degraded, CancellationToken.None);

        Assert.Equal("two", later.Description);
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task A_period_of_zero_runs_the_check_every_time()
    {
        var cache = new HealthCheckCache(_clock, TimeSpan.Zero);

        await cache.GetAsync("remote", _ => Run(Task.FromResult(HealthCheckResult.Healthy())), HealthStatus.Degraded, CancellationToken.None);
        await cache.GetAsync("remote", _ => Run(Task.FromResult(HealthCheckResult.Healthy())), HealthStatus.Degraded, CancellationToken.None);

        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_cancel_the_run_the_others_wait_for()
    {
        var cache = new HealthCheckCache(_clock, TimeSpan.FromSeconds(30));
        var release = new TaskCompletionSource<HealthCheckResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var impatient = new CancellationTokenSource();

        var first = cache.GetAsync("remote", _ => Run(release.Task), HealthStatus.Degraded, impatient.Token);
        var second = cache.GetAsync("remote", _ => Run(release.Task), HealthStatus.Degraded, CancellationToken.None);
        await impatient.CancelAsync();
        release.SetResult(HealthCheckResult.Healthy("up"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal("up", (await second).Description);
    }

    private Task<HealthCheckResult> Run(Task<HealthCheckResult> result)
    {
        Interlocked.Increment(ref _runs);
        return result;
    }
}
