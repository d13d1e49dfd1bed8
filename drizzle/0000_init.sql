CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"username" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"municipality_code" text,
	"county_code" text,
	"before" jsonb,
	"after" jsonb,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "counties" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"geometry" jsonb,
	"min_lon" double precision,
	"min_lat" double precision,
	"max_lon" double precision,
	"max_lat" double precision,
	"import_batch_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "external_refs" (
	"entity" text NOT NULL,
	"source" text NOT NULL,
	"ref" text NOT NULL,
	"entity_id" integer NOT NULL,
	CONSTRAINT "external_refs_entity_source_ref_pk" PRIMARY KEY("entity","source","ref")
);
--> statement-breakpoint
CREATE TABLE "import_batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"target" text NOT NULL,
	"format" text NOT NULL,
	"source" text NOT NULL,
	"user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"counts" jsonb
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"first_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "municipalities" (
	"code" text PRIMARY KEY NOT NULL,
	"county_code" text NOT NULL,
	"name" text NOT NULL,
	"geometry" jsonb,
	"min_lon" double precision,
	"min_lat" double precision,
	"max_lon" double precision,
	"max_lat" double precision,
	"import_batch_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "places" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"place_type" text DEFAULT 'locality' NOT NULL,
	"population" integer,
	"seasonal_population" integer,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"municipality_code" text,
	"external_ids" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"import_batch_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "population_cells" (
	"grid_id" text PRIMARY KEY NOT NULL,
	"population" integer NOT NULL,
	"cell_size_m" integer NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"municipality_code" text,
	"import_batch_id" integer
);
--> statement-breakpoint
CREATE TABLE "service_point_assignments" (
	"user_id" integer NOT NULL,
	"service_point_id" integer NOT NULL,
	CONSTRAINT "service_point_assignments_user_id_service_point_id_pk" PRIMARY KEY("user_id","service_point_id")
);
--> statement-breakpoint
CREATE TABLE "service_points" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"chain" text,
	"operator_name" text,
	"address" text,
	"postcode" text,
	"city" text,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"municipality_code" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"power" jsonb DEFAULT '{"type":"grid"}'::jsonb NOT NULL,
	"opening_hours" text,
	"external_ids" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"import_batch_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"county_code" text,
	"municipality_code" text,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
ALTER TABLE "service_point_assignments" ADD CONSTRAINT "service_point_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_point_assignments" ADD CONSTRAINT "service_point_assignments_service_point_id_service_points_id_fk" FOREIGN KEY ("service_point_id") REFERENCES "public"."service_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_county_idx" ON "audit_log" USING btree ("county_code");--> statement-breakpoint
CREATE INDEX "external_refs_entity_idx" ON "external_refs" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "municipalities_county_idx" ON "municipalities" USING btree ("county_code");--> statement-breakpoint
CREATE INDEX "places_municipality_idx" ON "places" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "places_lat_lon_idx" ON "places" USING btree ("lat","lon");--> statement-breakpoint
CREATE INDEX "population_cells_municipality_idx" ON "population_cells" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "service_points_municipality_idx" ON "service_points" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "service_points_kind_idx" ON "service_points" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "service_points_lat_lon_idx" ON "service_points" USING btree ("lat","lon");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");