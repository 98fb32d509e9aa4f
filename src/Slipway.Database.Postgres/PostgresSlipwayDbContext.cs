using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Database.Postgres;

public sealed class PostgresSlipwayDbContext(DbContextOptions<PostgresSlipwayDbContext> options) : SlipwayDbContext(options);
