CREATE TABLE "sot_agreements" (
	"id" serial PRIMARY KEY NOT NULL,
	"point_id" integer NOT NULL,
	"type" text NOT NULL,
	"title" text,
	"parties" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"start_date" date,
	"end_date" date,
	"notice_months" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"signed_date" date,
	"reminder_days" integer DEFAULT 90 NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sot_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"point_id" integer NOT NULL,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"category" text DEFAULT 'other' NOT NULL,
	"title" text,
	"uploaded_by" integer,
	"uploaded_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"bytes" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sot_financing" (
	"id" serial PRIMARY KEY NOT NULL,
	"point_id" integer NOT NULL,
	"programme" text NOT NULL,
	"legal_basis" text,
	"applicant" text,
	"status" text DEFAULT 'utkast' NOT NULL,
	"application_date" date,
	"applied_amount" bigint,
	"granted_amount" bigint,
	"decision_date" date,
	"decision_ref" text,
	"total_eligible_cost" bigint,
	"private_cofinancing" bigint,
	"public_cofinancing" bigint,
	"payout_status" text DEFAULT 'ej_utbetalt' NOT NULL,
	"paid_amount" bigint,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sot_maintenance" (
	"id" serial PRIMARY KEY NOT NULL,
	"point_id" integer NOT NULL,
	"type" text NOT NULL,
	"date" date NOT NULL,
	"note" text,
	"user_id" integer,
	"username" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sot_members" (
	"id" serial PRIMARY KEY NOT NULL,
	"point_id" integer NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"email" text,
	"address" text,
	"roles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"competences" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"called_by" integer,
	"call_order" integer DEFAULT 0 NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sot_organisations" (
	"point_id" integer PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"contact_email" text,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sot_point_grants" (
	"point_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "sot_point_grants_point_id_user_id_pk" PRIMARY KEY("point_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "sot_point_operators" (
	"point_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "sot_point_operators_point_id_user_id_pk" PRIMARY KEY("point_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "sot_points" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"store_id" integer,
	"fuel_station_id" integer,
	"municipality_code" text NOT NULL,
	"status" text DEFAULT 'ide' NOT NULL,
	"establishment_model" text,
	"genset" jsonb DEFAULT '{"installed":false}'::jsonb NOT NULL,
	"load_inventory" jsonb,
	"target_autonomy_hours" double precision DEFAULT 72 NOT NULL,
	"communication" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"local_functions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"activation" jsonb,
	"fuel_max_distance_m" integer DEFAULT 300 NOT NULL,
	"min_members" integer DEFAULT 3 NOT NULL,
	"test_schedule" jsonb DEFAULT '{"monthlyHours":4,"yearlyFullLoadHours":12}'::jsonb NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sot_test_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"point_id" integer NOT NULL,
	"date" date NOT NULL,
	"duration_hours" double precision NOT NULL,
	"load_percent" double precision,
	"load_kw" double precision,
	"full_load" boolean DEFAULT false NOT NULL,
	"fuel_used_litres" double precision,
	"passed" boolean NOT NULL,
	"problems" text,
	"user_id" integer,
	"username" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sot_trainings" (
	"id" serial PRIMARY KEY NOT NULL,
	"member_id" integer NOT NULL,
	"point_id" integer NOT NULL,
	"course" text NOT NULL,
	"title" text,
	"completed_on" date NOT NULL,
	"expires_on" date,
	"provider" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sot_transitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"point_id" integer NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"date" date NOT NULL,
	"note" text,
	"user_id" integer,
	"username" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sot_agreements" ADD CONSTRAINT "sot_agreements_point_id_sot_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."sot_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sot_documents" ADD CONSTRAINT "sot_documents_point_id_sot_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."sot_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sot_financing" ADD CONSTRAINT "sot_financing_point_id_sot_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."sot_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sot_maintenance" ADD CONSTRAINT "sot_maintenance_point_id_sot_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."sot_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sot_members" ADD CONSTRAINT "sot_members_point_id_sot_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."sot_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sot_organisations" ADD CONSTRAINT "sot_organisations_point_id_sot_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."sot_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sot_point_grants" ADD CONSTRAINT "sot_point_grants_point_id_sot_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."sot_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sot_point_grants" ADD CONSTRAINT "sot_point_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sot_point_operators" ADD CONSTRAINT "sot_point_operators_point_id_sot_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."sot_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sot_point_operators" ADD CONSTRAINT "sot_point_operators_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sot_points" ADD CONSTRAINT "sot_points_store_id_service_points_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."service_points"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sot_points" ADD CONSTRAINT "sot_points_fuel_station_id_service_points_id_fk" FOREIGN KEY ("fuel_station_id") REFERENCES "public"."service_points"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sot_test_runs" ADD CONSTRAINT "sot_test_runs_point_id_sot_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."sot_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sot_trainings" ADD CONSTRAINT "sot_trainings_member_id_sot_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."sot_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sot_trainings" ADD CONSTRAINT "sot_trainings_point_id_sot_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."sot_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sot_transitions" ADD CONSTRAINT "sot_transitions_point_id_sot_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."sot_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sot_agreements_point_idx" ON "sot_agreements" USING btree ("point_id");--> statement-breakpoint
CREATE INDEX "sot_documents_point_idx" ON "sot_documents" USING btree ("point_id");--> statement-breakpoint
CREATE INDEX "sot_financing_point_idx" ON "sot_financing" USING btree ("point_id");--> statement-breakpoint
CREATE INDEX "sot_maintenance_point_idx" ON "sot_maintenance" USING btree ("point_id","date");--> statement-breakpoint
CREATE INDEX "sot_members_point_idx" ON "sot_members" USING btree ("point_id");--> statement-breakpoint
CREATE INDEX "sot_point_grants_user_idx" ON "sot_point_grants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sot_point_operators_user_idx" ON "sot_point_operators" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sot_points_municipality_idx" ON "sot_points" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "sot_test_runs_point_idx" ON "sot_test_runs" USING btree ("point_id","date");--> statement-breakpoint
CREATE INDEX "sot_trainings_point_idx" ON "sot_trainings" USING btree ("point_id");--> statement-breakpoint
CREATE INDEX "sot_trainings_member_idx" ON "sot_trainings" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "sot_transitions_point_idx" ON "sot_transitions" USING btree ("point_id");