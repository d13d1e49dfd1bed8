CREATE TABLE "access_points" (
	"run_id" integer NOT NULL,
	"idx" integer NOT NULL,
	"ref" text NOT NULL,
	"type" text NOT NULL,
	"name" text,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"population" integer NOT NULL,
	"seasonal_population" integer NOT NULL,
	"municipality_code" text,
	"snap_m" double precision,
	CONSTRAINT "access_points_run_id_idx_pk" PRIMARY KEY("run_id","idx")
);
--> statement-breakpoint
CREATE TABLE "access_results" (
	"run_id" integer NOT NULL,
	"kind_group" text NOT NULL,
	"point_idx" integer NOT NULL,
	"status" text NOT NULL,
	"time1_s" double precision,
	"dist1_m" double precision,
	"nearest_id" integer,
	"time2_s" double precision,
	"dist2_m" double precision,
	"second_id" integer,
	"bridge_dependent" boolean DEFAULT false NOT NULL,
	"single_link" boolean DEFAULT false NOT NULL,
	CONSTRAINT "access_results_run_id_kind_group_point_idx_pk" PRIMARY KEY("run_id","kind_group","point_idx")
);
--> statement-breakpoint
CREATE TABLE "access_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"graph_name" text NOT NULL,
	"graph_version" text NOT NULL,
	"registry_snapshot" jsonb NOT NULL,
	"kind_groups" jsonb NOT NULL,
	"max_snap_metres" double precision NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"phase" text,
	"progress" double precision DEFAULT 0 NOT NULL,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"stats" jsonb,
	"error" text,
	"requested_by" integer,
	"requested_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"stale_at" timestamp with time zone,
	"stale_reasons" jsonb
);
--> statement-breakpoint
CREATE TABLE "access_summaries" (
	"run_id" integer NOT NULL,
	"level" text NOT NULL,
	"code" text NOT NULL,
	"kind_group" text NOT NULL,
	"resident" jsonb NOT NULL,
	"seasonal" jsonb NOT NULL,
	CONSTRAINT "access_summaries_run_id_level_code_kind_group_pk" PRIMARY KEY("run_id","level","code","kind_group")
);
--> statement-breakpoint
ALTER TABLE "access_points" ADD CONSTRAINT "access_points_run_id_access_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."access_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_results" ADD CONSTRAINT "access_results_run_id_access_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."access_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_summaries" ADD CONSTRAINT "access_summaries_run_id_access_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."access_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_points_ref_idx" ON "access_points" USING btree ("run_id","ref");--> statement-breakpoint
CREATE INDEX "access_points_municipality_idx" ON "access_points" USING btree ("run_id","municipality_code");--> statement-breakpoint
CREATE INDEX "access_runs_status_idx" ON "access_runs" USING btree ("status","id");