using System.Text.Json.Serialization;
using ProcurementAudit.Core;
using ProcurementAudit.Web.Endpoints;
using ProcurementAudit.Web.Infrastructure;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddProcurementAuditCore(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddOpenApi();
// Malformed JSON and unparsable parameters reach the one ProblemDetails mapping instead of an empty 400.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddHostedService<DatabaseStartup>();
// After DatabaseStartup: hosted services start in order, so the schema exists before the first job runs.
builder.Services.AddRiskJobs(builder.Configuration);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapGet("/", () => Results.Redirect("/scalar")).ExcludeFromDescription();
app.MapApi();
app.UseRiskJobs();

app.Run();

/// <summary>Entry point type for WebApplicationFactory in tests.</summary>
public partial class Program;
