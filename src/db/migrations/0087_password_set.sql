-- Whether the person ever chose the account's password. An account created at a ProConnect
-- sign-in got a random password nobody knows: asked for it before recording a place's bank
-- account, its admin was told « Mot de passe incorrect » whatever it typed, each try counted
-- towards the lock. It is now told to choose one through « Mot de passe oublié ».
ALTER TABLE "users" ADD COLUMN "password_set" boolean DEFAULT true NOT NULL;
--> statement-breakpoint
-- The accounts made so: their first act in the journal is an invitation accepted through
-- ProConnect (the account is created in that transaction), and no reset or change of password
-- followed.
UPDATE "users" u SET "password_set" = false
 WHERE (SELECT a.action || ':' || coalesce(a.summary->>'method', '')
          FROM "audit_entries" a WHERE a.actor_user_id = u.id ORDER BY a.id LIMIT 1)
       = 'invitation.accept:proconnect'
   AND NOT EXISTS (SELECT 1 FROM "audit_entries" a
                    WHERE a.object_type = 'user' AND a.object_id = u.id::text
                      AND a.action IN ('auth.password_reset', 'auth.password_change'));
