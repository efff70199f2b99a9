using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Errors;
using PluginBot.Host.Identity;
using PluginBot.Host.Mediator;
using PluginBot.Host.Storage;
using PluginBot.Host.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Pipeline;

[Collection(TestHandlersCollection.Name)]
public sealed class AuditTests(TestHandlersFixture host) : HostTest<TestHandlersFixture>(host)
{
    [Fact]
    public async Task A_refused_admin_request_is_recorded_as_forbidden_with_who_tried()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Host.SendAsync(new AllowUser.Command(4242), HostFixture.User));

        var row = Assert.Single(await AuditRowsAsync("AllowUser.Command"));
        Assert.Equal("Forbidden", row.Outcome);
        Assert.Equal(HostFixture.UserId, row.ActorId);
        Assert.Equal("User", row.ActorKind);
        Assert.Equal("ForbiddenException: Only admins can do this.", row.Error);
        Assert.Equal(4242, JsonDocument.Parse(row.ArgumentsJson).RootElement.GetProperty("userId").GetInt64());
    }

    [Fact]
    public async Task A_request_from_someone_not_on_the_allow_list_is_recorded_as_forbidden()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Host.SendAsync(new AuditedProbe("x", "s", "p", Fail: false), HostFixture.Stranger));

        var row = Assert.Single(await AuditRowsAsync(nameof(AuditedProbe)));
        Assert.Equal("Forbidden", row.Outcome);
        Assert.Equal(HostFixture.StrangerId, row.ActorId);
    }

    [Fact]
    public async Task An_invalid_audited_request_is_recorded_as_invalid()
    {
        await Assert.ThrowsAsync<RequestValidationException>(() => Host.SendAsync(new AllowUser.Command(-3), HostFixture.Admin));

        Assert.Equal("Invalid", Assert.Single(await AuditRowsAsync("AllowUser.Command")).Outcome);
    }

    [Fact]
    public async Task An_admin_action_whose_audit_row_cannot_be_written_fails_clearly_and_does_not_take_effect()
    {
        await ExecuteAsync("CREATE TRIGGER audit_refuses BEFORE INSERT ON kernel_audit_log BEGIN SELECT RAISE(ABORT, 'disk full'); END;");

        var error = await Assert.ThrowsAnyAsync<PluginBotException>(() => Host.SendAsync(new AllowUser.Command(4242), HostFixture.Admin));

        Assert.Equal("This was not done: it could not be written to the audit log. Try again; if it keeps failing, an admin should check the log and the disk.", error.Message);
        Assert.Null(await Host.Services.GetRequiredService<IUserDirectory>().ResolveAsync(4242, "test"));
        Assert.Contains(Host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("AllowUser.Command", StringComparison.Ordinal) && l.Contains("disk full", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Arguments_longer_than_the_cap_are_cut_and_the_row_says_how_long_they_were()
    {
        var name = new string('n', 20_000);
        await Host.SendAsync(new AuditedProbe(name, "sk-live-123456", "hunter2", Fail: false), HostFixture.User);

        var row = Assert.Single(await AuditRowsAsync(nameof(AuditedProbe)));
        Assert.InRange(row.ArgumentsJson.Length, 3_000, 4_096);
        using var capped = JsonDocument.Parse(row.ArgumentsJson);
        var original = capped.RootElement.GetProperty("truncatedFrom").GetInt32();
        Assert.InRange(original, 20_000, 20_100);
        Assert.StartsWith("{\"name\":\"nnnn", capped.RootElement.GetProperty("start").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sk-live-123456", row.ArgumentsJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_limited_audited_request_is_recorded_as_rate_limited()
    {
        var limited = new LimitedHost();
        await limited.InitializeAsync();
        try
        {
            await limited.SendAsync(new ListUsers.Command(), HostFixture.Admin);
            await limited.SendAsync(new ListUsers.Command(), HostFixture.Admin);
            await Assert.ThrowsAsync<RateLimitedException>(() => limited.SendAsync(new ListUsers.Command(), HostFixture.Admin));

            await using var scope = limited.CreateScope(HostFixture.System);
            var outcomes = await scope.ServiceProvider.GetRequiredService<KernelDbContext>().AuditLog
                .Where(a => a.Action == "ListUsers.Command").OrderBy(a => a.Id).Select(a => a.Outcome).ToListAsync();
            Assert.Equal(["Completed", "Completed", "RateLimited"], outcomes);
        }
        finally
        {
            await limited.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_refused_request_that_is_not_audited_is_recorded_too_once_a_minute_per_person_and_action()
    {
        Host.Clock.Advance(TimeSpan.FromMinutes(1)); // past refusals other tests recorded

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => Host.SendAsync(new AdminOnlyProbe(), HostFixture.User));
        }

        await Assert.ThrowsAsync<ForbiddenException>(() => Host.SendAsync(new AdminOnlyProbe(), HostFixture.OtherUser));
        Assert.Equal("admin ok", await Host.SendAsync(new AdminOnlyProbe(), HostFixture.Admin));

        var rows = (await AuditRowsAsync(nameof(AdminOnlyProbe))).OrderBy(r => r.Id).ToList();
        Assert.Equal([(HostFixture.UserId, "Forbidden"), (HostFixture.OtherUserId, "Forbidden")], rows.Select(r => (r.ActorId, r.Outcome)));
        Assert.Equal("ForbiddenException: Only admins can do this.", rows[0].Error);

        Host.Clock.Advance(TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<ForbiddenException>(() => Host.SendAsync(new AdminOnlyProbe(), HostFixture.User));
        Assert.Equal(3, (await AuditRowsAsync(nameof(AdminOnlyProbe))).Count);
    }

    [Fact]
    public async Task A_rate_limited_request_that_is_not_audited_is_recorded_as_rate_limited()
    {
        var limited = new LimitedHost();
        await limited.InitializeAsync();
        try
        {
            await limited.SendAsync(new Probe.Command("a", 1), HostFixture.User);
            await limited.SendAsync(new Probe.Command("b", 1), HostFixture.User);
            await Assert.ThrowsAsync<RateLimitedException>(() => limited.SendAsync(new Probe.Command("c", 1), HostFixture.User));
            await Assert.ThrowsAsync<RateLimitedException>(() => limited.SendAsync(new Probe.Command("d", 1), HostFixture.User));

            await using var scope = limited.CreateScope(HostFixture.System);
            var row = Assert.Single(await scope.ServiceProvider.GetRequiredService<KernelDbContext>().AuditLog.Where(a => a.Action == "Probe.Command").ToListAsync());
            Assert.Equal(("RateLimited", HostFixture.UserId), (row.Outcome, row.ActorId));
            Assert.Contains("\"name\":\"c\"", row.ArgumentsJson, StringComparison.Ordinal);
        }
        finally
        {
            await limited.DisposeAsync();
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var scope = Host.CreateScope(HostFixture.System);
        await scope.ServiceProvider.GetRequiredService<KernelDbContext>().Database.ExecuteSqlRawAsync(sql);
    }

    private async Task<List<AuditRow>> AuditRowsAsync(string action)
    {
        await using var scope = Host.CreateScope(HostFixture.System);
        var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
        return await db.AuditLog.Where(a => a.Action == action).ToListAsync();
    }

    /// <summary>A host whose rate limit lets two requests through at once.</summary>
    private sealed class LimitedHost : HostFixture
    {
        protected override IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>
        {
            ["Kernel:RateLimit:PermitsPerMinute"] = "1",
            ["Kernel:RateLimit:Burst"] = "2",
            ["Plugins:Path"] = Path.Combine(DataDirectory, "no-plugins"),
        };

        protected override void ConfigureServices(IServiceCollection services)
        {
            HandlerScanner.Scan(services, typeof(AuditTests).Assembly);
            services.AddSingleton<EventRecorder>();
        }
    }
}
