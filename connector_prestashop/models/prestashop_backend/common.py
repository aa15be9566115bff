# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import os
import re
from contextlib import contextmanager

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import config

from odoo.addons.queue_job.delay import chain, group

from ...components.backend_adapter import fixable_error
from ...components.webservice import (
    PrestaShopBudgetWait,
    PrestaShopClient,
    PrestaShopError,
)

_logger = logging.getLogger(__name__)

#: Metadata synchronised by "Synchronize metadata": (binding model, step).
#: Step 1 runs in parallel; step 2 needs step 1 (tax rule groups, and the
#: taxes they import, need the countries).
METADATA_MODELS = [
    ("prestashop.shop.group", 1),
    ("prestashop.res.lang", 1),
    ("prestashop.res.currency", 1),
    ("prestashop.res.country", 1),
    ("prestashop.delivery.carrier", 1),
    ("prestashop.sale.order.state", 1),
    ("prestashop.shop", 2),
    ("prestashop.res.country.state", 2),
    # imports the taxes too, after the countries: a tax is matched with the
    # countries of the rules using it (TaxRuleGroupBatchImporter)
    ("prestashop.tax.rule.group", 2),
]


class PrestashopBackend(models.Model):
    _name = "prestashop.backend"
    _inherit = ["connector.backend", "mail.thread"]
    _description = "PrestaShop Backend"

    name = fields.Char(required=True)
    location = fields.Char(
        "Shop URL",
        required=True,
        tracking=True,
        help="Base URL of the shop, e.g. https://shop.example.com (the "
        "webservice is under /api/).",
    )
    webservice_key = fields.Char(
        groups="connector.group_connector_manager",
        copy=False,
        help="Key created in PrestaShop under Advanced Parameters > Webservice. "
        "Only connector managers can read it; it is never logged nor put in jobs. "
        "Leave it empty to take it from the server's configuration (Key Name).",
    )
    webservice_key_name = fields.Char(
        "Key Name",
        copy=False,
        help="Name of the key in the server's configuration: the key is the "
        "option prestashop_key_<name> of the Odoo configuration file, or the "
        "environment variable PRESTASHOP_KEY_<NAME>; it then never travels "
        "through the web client (Odoo logs RPC arguments at debug level). "
        "Letters, digits and _ only.",
    )
    webservice_key_from_server = fields.Boolean(
        "Key from the Server",
        compute="_compute_webservice_key_from_server",
        help="The server's configuration holds a key of this name.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="Warehouse",
        domain="[('company_id', '=', company_id)]",
        default=lambda self: self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        ),
        help="Warehouse of the imported sale orders.",
    )
    default_lang_id = fields.Many2one(
        "res.lang",
        string="Default Language",
        default=lambda self: self.env["res.lang"]._lang_get(self.env.lang or "en_US"),
        help="Language of the texts read from PrestaShop when a record has no "
        "text in another mapped language.",
    )
    version = fields.Char(
        "PrestaShop Version",
        readonly=True,
        help="Read from the PSWS-Version header by 'Test connection'.",
    )
    state = fields.Selection(
        [("draft", "Not checked"), ("ok", "Connected"), ("error", "Error")],
        default="draft",
        readonly=True,
        tracking=True,
    )
    last_check_message = fields.Char(readonly=True)
    timeout = fields.Integer(
        "Webservice Timeout (s)",
        default=60,
        help="A request unanswered after this many seconds is retried later.",
    )
    active = fields.Boolean(default=True)

    shop_group_ids = fields.One2many("prestashop.shop.group", "backend_id")
    shop_ids = fields.One2many("prestashop.shop", "backend_id")
    lang_ids = fields.One2many("prestashop.res.lang", "backend_id")
    currency_ids = fields.One2many("prestashop.res.currency", "backend_id")
    tax_ids = fields.One2many("prestashop.account.tax", "backend_id")
    tax_rule_group_ids = fields.One2many("prestashop.tax.rule.group", "backend_id")
    carrier_ids = fields.One2many("prestashop.delivery.carrier", "backend_id")
    order_state_ids = fields.One2many("prestashop.sale.order.state", "backend_id")
    payment_method_ids = fields.One2many("prestashop.payment.method", "backend_id")
    workflow_process_id = fields.Many2one(
        "sale.workflow.process",
        string="Default Sale Workflow",
        default=lambda self: self.env.ref(
            "connector_prestashop.sale_workflow_prestashop_paid",
            raise_if_not_found=False,
        ),
        help="Workflow given to payment methods seen for the first time.",
    )
    unmapped_count = fields.Integer(compute="_compute_unmapped")
    unmapped_summary = fields.Text(compute="_compute_unmapped")

    # -- who may start what ------------------------------------------------------
    def _prestashop_check_access(self):
        """Raise :class:`~odoo.exceptions.AccessError` unless the current user
        may start a synchronisation on the backend: a connector user
        (``group_prestashop_user``, implied by the connector managers'
        group), the superuser (crons, the webhook), or the job runner running
        a job (whoever queued it: a salesperson's confirmed order queues a
        stock push, which then runs as that salesperson).  Called first by
        every public method of the backend: by RPC any internal user may
        call them, and the syncs they start run as superuser."""
        if self.env.su or self.env.user.has_group(
            "connector_prestashop.group_prestashop_user"
        ):
            return
        uuid = self.env.context.get("job_uuid")
        if uuid and self.env["queue.job"].sudo().search_count(
            [("uuid", "=", uuid), ("state", "=", "started")]
        ):
            return
        raise AccessError(
            _(
                "Only PrestaShop connector users may start synchronisations with "
                "the shop: ask an administrator for the group 'PrestaShop "
                "Connector User'."
            )
        )

    # -- webservice -----------------------------------------------------------
    @api.depends("webservice_key_name")
    def _compute_webservice_key_from_server(self):
        for backend in self:
            backend.webservice_key_from_server = bool(backend._server_key())

    @api.constrains("webservice_key_name")
    def _check_webservice_key_name(self):
        for backend in self:
            name = backend.webservice_key_name or ""
            if name and not re.fullmatch(r"[A-Za-z0-9_]+", name):
                raise ValidationError(
                    _(
                        "The key name %s may hold letters, digits and _ only: it "
                        "names an option of the server's configuration.",
                        name,
                    )
                )

    def _server_key(self):
        """The webservice key the server's configuration holds for this
        backend (str, '' when none): Odoo's configuration option
        ``prestashop_key_<name>`` (the ``[options]`` section of the
        configuration file, where every key is kept), else the environment
        variable ``PRESTASHOP_KEY_<NAME>``, ``<name>`` being
        ``webservice_key_name``."""
        self.ensure_one()
        name = self.webservice_key_name
        if not name:
            return ""
        return (
            config.get(f"prestashop_key_{name.lower()}")
            or os.environ.get(f"PRESTASHOP_KEY_{name.upper()}")
            or ""
        )

    def _get_client(self):
        """A new webservice client.  The key is the server's
        (:meth:`_server_key`) when it holds one, else the backend's, read
        with sudo so that jobs of users who may not read it still run."""
        self.ensure_one()
        key = self._server_key() or self.sudo().webservice_key
        if not key:
            raise UserError(
                _(
                    "The backend %s has no webservice key: enter the key created in "
                    "PrestaShop (Advanced Parameters > Webservice), or give it to the "
                    "server as option prestashop_key_<name> of its configuration file "
                    "(or environment variable PRESTASHOP_KEY_<NAME>) and the name in "
                    "Key Name.",
                    self.name,
                )
            )
        return PrestaShopClient(
            self.location,
            key,
            timeout=self.timeout or 60,
            budget=self._request_budget(),
        )

    @contextmanager
    def work_on(self, model_name, **kwargs):
        """One HTTP session per work context, closed at the end; and one
        ``lookup_cache`` (a dict) shared by the components of the work (one
        job): look-ups that cannot change during it (see
        ``prestashop.binder``), made once per job instead of once per
        record."""
        self.ensure_one()
        client = kwargs.pop("ps_client", None) or self._get_client()
        kwargs.setdefault("lookup_cache", {})
        try:
            with super().work_on(model_name, ps_client=client, **kwargs) as work:
                yield work
        finally:
            client.close()

    def _version_component_name(self):
        """Name of the version profile component for this shop."""
        major = (self.version or "8").split(".")[0]
        if major not in ("1", "8", "9"):
            major = "9" if major.isdigit() and int(major) > 9 else "8"
        return f"prestashop.version.{major}"

    def _default_lang_code(self):
        """Odoo code of the language PrestaShop texts are read in first, and
        that imports work in: the backend's *Default Language* when it is
        active and mapped to a shop language, else the first active mapped
        one.  Imports run in it whatever the language of the user who
        queued them, so that translated names (attributes, values,
        products) are looked up and created in one language."""
        self.ensure_one()
        codes = [b.odoo_id.code for b in self.lang_ids if b.odoo_id.active]
        default = self.default_lang_id
        if default.active and (not codes or default.code in codes):
            return default.code
        return codes[0] if codes else (default.code or self.env.lang or "en_US")

    def _ps_lang_id(self, lang_code=None):
        """PrestaShop language id for an Odoo language code (default: the
        backend's default language, :meth:`_default_lang_code`)."""
        self.ensure_one()
        code = lang_code or self._default_lang_code()
        binding = self.lang_ids.filtered(lambda b: b.odoo_id.code == code)[:1]
        if not binding:
            binding = self.lang_ids.filtered("odoo_id")[:1]
        return binding.prestashop_id or None

    # -- actions ---------------------------------------------------------------
    def _test_connection(self):
        """Read the API root: proves URL and key, reads the version.
        Returns an error message, or None when connected."""
        self.ensure_one()
        client = None
        try:
            client = self._get_client()
            resp = client.request("GET", "")
        except PrestaShopBudgetWait as err:
            # not a connection problem: the state stays as it is
            raise fixable_error(self.env, self, err) from err
        except (PrestaShopError, UserError) as err:
            message = getattr(err, "message", None) or str(err)
            self.write({"state": "error", "last_check_message": message})
            return message
        finally:
            if client:
                client.close()
        version = resp.headers.get("PSWS-Version") or ""
        self.write(
            {
                "state": "ok",
                "version": version,
                "last_check_message": _("Connected to PrestaShop %s", version),
            }
        )
        return None

    def check_connection(self):
        """Job and API: test the connection, raise what to fix on failure."""
        self._prestashop_check_access()
        for backend in self:
            error = backend._test_connection()
            if error:
                raise UserError(
                    _(
                        "Connection to %(shop)s failed: %(error)s",
                        shop=backend.location,
                        error=error,
                    )
                )
        return True

    def action_check_connection(self):
        """Button: the result is kept on the backend (state, message)."""
        self._prestashop_check_access()
        self.ensure_one()
        error = self._test_connection()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "danger" if error else "success",
                "sticky": bool(error),
                "message": self.last_check_message,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def synchronize_metadata(self):
        """Queue the metadata imports (one job per resource) in two steps."""
        self._prestashop_check_access()
        jobs = []
        for backend in self:
            step1, step2 = [], []
            for model_name, step in METADATA_MODELS:
                delayable = (
                    self.env[model_name]
                    .delayable(
                        priority=5,
                        identity_key=f"prestashop-metadata-{backend.id}-{model_name}",
                        description=_(
                            "Synchronize %(what)s from %(backend)s",
                            # the model's name in the user's language
                            what=self.env["ir.model"]._get(model_name).name,
                            backend=backend.name,
                        ),
                    )
                    .import_batch(backend)
                )
                (step1 if step == 1 else step2).append(delayable)
            step1.append(
                self.env["prestashop.payment.method"]
                .delayable(
                    priority=5,
                    identity_key=f"prestashop-metadata-{backend.id}-payment",
                    description=_("Synchronize payment methods from %s", backend.name),
                )
                .import_payment_methods(backend)
            )
            chain(group(*step1), group(*step2)).delay()
            jobs += step1 + step2
        return jobs

    def action_synchronize_metadata(self):
        self._prestashop_check_access()
        self.synchronize_metadata()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": _(
                    "Metadata synchronisation queued: see Job Queue for progress."
                ),
            },
        }

    # -- what is left to map -----------------------------------------------------
    @api.depends(
        "lang_ids.odoo_id",
        "currency_ids.odoo_id",
        "tax_ids.odoo_id",
        "tax_rule_group_ids.odoo_id",
        "carrier_ids.odoo_id",
        "payment_method_ids.workflow_process_id",
    )
    def _compute_unmapped(self):
        for backend in self:
            lines = []
            for label, records in backend._unmapped_records():
                if records:
                    names = ", ".join(records.mapped("display_name")[:10])
                    more = len(records) - 10
                    lines.append(
                        f"{label} ({len(records)}): {names}"
                        + (f" … +{more}" if more > 0 else "")
                    )
            backend.unmapped_count = len(lines)
            backend.unmapped_summary = "\n".join(lines)

    def _unmapped_records(self):
        """(label, records) of what PrestaShop has and Odoo does not map yet."""
        self.ensure_one()
        return [
            (
                _("Languages"),
                self.lang_ids.filtered(lambda r: not r.odoo_id and r.ps_active),
            ),
            (_("Currencies"), self.currency_ids.filtered(lambda r: not r.odoo_id)),
            (
                _("Taxes"),
                self.tax_ids.filtered(
                    lambda r: not r.odoo_id and r.ps_active and not r.deleted
                ),
            ),
            (
                _("Tax rule groups"),
                self.tax_rule_group_ids.filtered(
                    lambda r: not r.odoo_id and r.ps_active and not r.deleted
                ),
            ),
            (
                _("Carriers"),
                self.carrier_ids.filtered(lambda r: not r.odoo_id and not r.deleted),
            ),
            (
                _("Payment methods"),
                self.payment_method_ids.filtered(lambda r: not r.workflow_process_id),
            ),
        ]

    def queue_check_connection(self):
        """Queue "Test connection" as a job."""
        self._prestashop_check_access()
        for backend in self:
            backend.with_delay(
                priority=1,
                identity_key=f"prestashop-check-{backend.id}",
                description=_("Test connection to %s", backend.name),
            ).check_connection()
