-- A cancelled pass of a booklet that is not blocked (struck out when a larger booklet replaced
-- a lost one, or never handed out by the usage end) is refused as `cancelled`, no longer as
-- `blocked`: a place told « carnet déclaré perdu ou volé » for a replacement booklet sent its
-- holder away for yet another one. A blocked booklet's passes stay `blocked`.
CREATE OR REPLACE FUNCTION pass_redeemability(
  p_pass_status text, p_valid_from date, p_valid_until date, p_booklet_status text,
  p_place_standing text, p_program_open boolean, p_today date
) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(
         CASE p_place_standing
           WHEN 'approved' THEN NULL
           -- Suspended by this programme's funder: told as such, the place knows it was qualified.
           WHEN 'suspended' THEN 'place_suspended'
           ELSE 'program_not_accepted'
         END,
         CASE
           WHEN p_pass_status = 'redeemed' THEN 'already_redeemed'
           WHEN p_booklet_status = 'blocked' THEN 'blocked'
           WHEN p_pass_status = 'cancelled' THEN 'cancelled'
           WHEN p_pass_status = 'expired' THEN 'expired'
           WHEN p_booklet_status IS DISTINCT FROM 'handed_out'
             OR p_pass_status IS DISTINCT FROM 'active' THEN 'not_handed_out'
           WHEN p_valid_from IS NULL OR p_today < p_valid_from THEN 'not_yet_valid'
           WHEN p_valid_until IS NULL OR p_today > p_valid_until THEN 'expired'
           -- The programme's own status as of p_today (not yet open, suspended, usage closed,
           -- closed by an amendment or by its closure date): last, so that it is read only for
           -- a pass that would otherwise be redeemed.
           WHEN p_program_open IS NOT TRUE THEN 'program_closed'
           ELSE 'redeemable'
         END)
$$;
