using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using ProcurementAudit.Core;
using ProcurementAudit.Web.Endpoints;
using ProcurementAudit.Web.Infrastructure;
using ProcurementAudit.Web.Security;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddAuditAuthentication();
builder.Services.AddProcurementAuditCore(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddOpenApi();
// Malformed JSON and unparsable parameters reach the one ProblemDetails mapping instead of an empty 400.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddAntiforgery();
builder.Services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    o.AddPolicy(PublicEndpoints.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = builder.Configuration.GetValue("RateLimiting:PublicPermitsPerMinute", 120),
            Window = TimeSpan.FromMinutes(1),
        }));
});
builder.Services.AddHostedService<DatabaseStartup>();
// After DatabaseStartup: hosted services start in order, so the schema exists before the first job runs.
builder.Services.AddRiskJobs(builder.Configuration);
builder.Services.AddHostedService<ImportJobService>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
    app.UseHttpsRedirection();
}
app.UseSecurityHeaders();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseRateLimiter();

app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference().AllowAnonymous();
app.MapHome();
if (!AuthenticationSetup.UsesEntraId(app.Configuration)) app.MapLocalSignIn();
app.MapApi();
app.UseRiskJobs();

app.Run();

/// <summary>Entry point type for WebApplicationFactory in tests.</summary>
public partial class Program;
